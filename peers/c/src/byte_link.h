/* A kernel byte link of the brigade: an AF_UNIX stream socketpair or a pipe, used with blocking read/write. */
#ifndef BYTE_LINK_H
#define BYTE_LINK_H

#include <stdbool.h>

struct byte_link {
    int read_fd, write_fd;
};

/* Opens a socketpair (`pipe` false) or a pipe. */
void link_open(struct byte_link *link, bool pipe);
void link_close(struct byte_link *link);

/* One byte each way, retried on EINTR; a short transfer is a failure. */
void link_write(const struct byte_link *link, unsigned char byte);
unsigned char link_read(const struct byte_link *link);

#endif
