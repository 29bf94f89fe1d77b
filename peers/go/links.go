package main

// The brigade's kernel byte links, held the way a Go service holds them: a socketpair's two sockets become
// net.Conns (net.FileConn), a pipe comes from os.Pipe. Both are non-blocking descriptors registered with the
// runtime's netpoller, so a goroutine reading an empty link parks and frees its thread, and is made runnable
// again when epoll reports the byte: the Go equivalent of await on an async read.

import (
	"io"
	"net"
	"os"
	"syscall"
)

type byteLink struct {
	reader  io.Reader
	writer  io.Writer
	closers []io.Closer
}

func openLink(pipe bool) *byteLink {
	if pipe {
		r, w, err := os.Pipe()
		if err != nil {
			fail("pipe: %v", err)
		}
		return &byteLink{r, w, []io.Closer{r, w}}
	}
	fds, err := syscall.Socketpair(syscall.AF_UNIX, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		fail("socketpair: %v", err)
	}
	writer, reader := socketConn(fds[0]), socketConn(fds[1])
	return &byteLink{reader, writer, []io.Closer{reader, writer}}
}

// socketConn wraps one socket of a pair as a net.Conn (FileConn takes a duplicate; the original is closed).
func socketConn(fd int) net.Conn {
	file := os.NewFile(uintptr(fd), "socketpair")
	conn, err := net.FileConn(file)
	if err != nil {
		fail("net.FileConn: %v", err)
	}
	file.Close()
	return conn
}

// write sends one byte through `buffer`, the one-byte buffer of the calling goroutine (an interface call would
// move a fresh buffer to the heap on every transfer).
func (l *byteLink) write(buffer []byte, b byte) {
	buffer[0] = b
	if n, err := l.writer.Write(buffer[:1]); n != 1 {
		fail("brigade write: %v", err)
	}
}

// read receives one byte into `buffer`, the one-byte buffer of the calling goroutine.
func (l *byteLink) read(buffer []byte) byte {
	if n, err := l.reader.Read(buffer[:1]); n != 1 {
		fail("brigade read: %v", err)
	}
	return buffer[0]
}

func (l *byteLink) close() {
	for _, c := range l.closers {
		c.Close()
	}
}
