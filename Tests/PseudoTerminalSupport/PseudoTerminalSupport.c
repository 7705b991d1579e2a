#define _GNU_SOURCE
#include "PseudoTerminalSupport.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

pid_t pts_spawn(const char *path, char *const argv[], char *const envp[], int rows, int columns, int output, int *master) {
  int fd = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return -1;
  if (grantpt(fd) != 0 || unlockpt(fd) != 0) { close(fd); return -1; }
  char name[256];
  if (ptsname_r(fd, name, sizeof name) != 0) { close(fd); return -1; }
  struct winsize size = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)columns };
  pid_t pid = fork();
  if (pid < 0) { close(fd); return -1; }
  if (pid == 0) {  /* child: only async-signal-safe calls until execve */
    setsid();
    int slave = open(name, O_RDWR);
    if (slave < 0) _exit(127);
    ioctl(slave, TIOCSCTTY, 0);
    ioctl(slave, TIOCSWINSZ, &size);
    dup2(slave, 0);
    dup2(output >= 0 ? output : slave, 1);
    if (output > 2) close(output);
    dup2(slave, 2);
    if (slave > 2) close(slave);
    execve(path, argv, envp);
    _exit(127);
  }
  *master = fd;
  return pid;
}
