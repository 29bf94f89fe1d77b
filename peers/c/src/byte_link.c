/* Blocking one-byte transfers on a socketpair or a pipe. */
#define _GNU_SOURCE
#include "byte_link.h"

#include "report.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

void link_open(struct byte_link *link, bool pipe)
{
    int fds[2];
    if (pipe) {
        if (pipe2(fds, O_CLOEXEC) != 0) fail_errno("pipe2");
    } else if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
        fail_errno("socketpair");
    }
    link->read_fd = fds[0]; /* a pipe reads from [0]; either end of a socketpair reads what the other wrote */
    link->write_fd = fds[1];
}

void link_close(struct byte_link *link)
{
    close(link->read_fd);
    close(link->write_fd);
}

void link_write(const struct byte_link *link, unsigned char byte)
{
    ssize_t n;
    while ((n = write(link->write_fd, &byte, 1)) < 0 && errno == EINTR) { }
    if (n != 1) fail_errno("brigade write");
}

unsigned char link_read(const struct byte_link *link)
{
    unsigned char byte;
    ssize_t n;
    while ((n = read(link->read_fd, &byte, 1)) < 0 && errno == EINTR) { }
    if (n == 0) fail("brigade read: the link was closed");
    if (n != 1) fail_errno("brigade read");
    return byte;
}
