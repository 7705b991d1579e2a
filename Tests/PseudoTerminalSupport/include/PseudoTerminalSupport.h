#ifndef PSEUDO_TERMINAL_SUPPORT_H
#define PSEUDO_TERMINAL_SUPPORT_H

#include <sys/types.h>

/*
** Starts `path` with `argv` and `envp` in a new session whose controlling
** terminal is a fresh pseudo-terminal of `rows` x `columns`, its standard
** output `output` when that is not -1 (else the terminal).  Stores the
** master side in *master.  Returns the child's pid, or -1 with errno set.
*/
pid_t pts_spawn(const char *path, char *const argv[], char *const envp[], int rows, int columns, int output, int *master);

#endif
