/*
** ceditline.c - loads libedit on first use and forwards the typed wrappers to it.
*/
#include "ceditline.h"

#include "cloader.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

static const char *const library_files[] = {
#ifdef __APPLE__
  "libedit.3.dylib", "/usr/lib/libedit.3.dylib",
#else
  "libedit.so.2", "libedit.so",
#endif
  NULL
};

typedef struct Functions {
  EditLine *(*el_init)(const char *program, FILE *in, FILE *out, FILE *err);
  void (*el_end)(EditLine *e);
  const char *(*el_gets)(EditLine *e, int *count);
  const LineInfo *(*el_line)(EditLine *e);
  int (*el_insertstr)(EditLine *e, const char *text);
  int (*el_set)(EditLine *e, int op, ...);
  int (*el_get)(EditLine *e, int op, ...);
  int (*el_source)(EditLine *e, const char *file);
  History *(*history_init)(void);
  void (*history_end)(History *h);
  int (*history)(History *h, HistEvent *ev, int op, ...);
} Functions;

#define ENTRY(field) { #field, offsetof(Functions, field) }
static const cloader_symbol entries[] = {
  ENTRY(el_init), ENTRY(el_end), ENTRY(el_gets), ENTRY(el_line), ENTRY(el_insertstr),
  ENTRY(el_set), ENTRY(el_get), ENTRY(el_source), ENTRY(history_init), ENTRY(history_end),
  ENTRY(history),
};
#undef ENTRY

static Functions fn;
static char load_error[512];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
  char reason[400];
  if (cloader_open(library_files, entries, sizeof(entries) / sizeof(entries[0]), &fn, NULL, reason,
                   sizeof(reason)) == NULL) {
    snprintf(load_error, sizeof(load_error), "line editing is unavailable: %s", reason);
  }
}

const char *ceditline_load(void) {
  pthread_once(&load_once, load);
  return load_error[0] != '\0' ? load_error : NULL;
}

/* {==================================================================
** Editor
** =================================================================== */

EditLine *ceditline_init(const char *program) { return fn.el_init(program, stdin, stdout, stderr); }
void ceditline_end(EditLine *e) { fn.el_end(e); }
static volatile sig_atomic_t prompt_interrupted;
static pthread_t prompt_reader;

/* SIGINT while reading: marks the read interrupted, on the reading thread so its read() fails. */
static void on_prompt_interrupt(int signo) {
  int saved = errno;
  if (pthread_equal(pthread_self(), prompt_reader)) prompt_interrupted = 1;
  else pthread_kill(prompt_reader, signo);  /* the signal reached another thread: pass it on */
  errno = saved;
}

const char *ceditline_gets(EditLine *e, int *count, int *interrupted) {
  struct sigaction action, previous;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_prompt_interrupt;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  /* no SA_RESTART: the read fails with EINTR and el_gets returns */
  prompt_reader = pthread_self();
  prompt_interrupted = 0;
  sigaction(SIGINT, &action, &previous);
  const char *line = fn.el_gets(e, count);
  sigaction(SIGINT, &previous, NULL);
  *interrupted = prompt_interrupted;
  return *interrupted ? NULL : line;
}
const LineInfo *ceditline_line(EditLine *e) { return fn.el_line(e); }
int ceditline_insert(EditLine *e, const char *text) { return fn.el_insertstr(e, text); }

void ceditline_print(const char *text) {
  fputs(text, stdout);
  fflush(stdout);
}

int ceditline_set_prompt(EditLine *e, ceditline_prompt_fn f) { return fn.el_set(e, EL_PROMPT, f); }
int ceditline_set_editor(EditLine *e, const char *mode) { return fn.el_set(e, EL_EDITOR, mode); }
int ceditline_set_history(EditLine *e, History *h) { return fn.el_set(e, EL_HIST, fn.history, h); }
int ceditline_add_function(EditLine *e, const char *name, const char *help, ceditline_key_fn f) {
  return fn.el_set(e, EL_ADDFN, name, help, f);
}
int ceditline_bind(EditLine *e, const char *key, const char *name) {
  return fn.el_set(e, EL_BIND, key, name, NULL);
}
int ceditline_set_client_data(EditLine *e, void *data) { return fn.el_set(e, EL_CLIENTDATA, data); }
void *ceditline_client_data(EditLine *e) {
  void *data = NULL;
  fn.el_get(e, EL_CLIENTDATA, &data);
  return data;
}
int ceditline_source_defaults(EditLine *e) { return fn.el_source(e, NULL); }

/* }================================================================== */

/* {==================================================================
** History
** =================================================================== */

History *ceditline_history_init(void) { return fn.history_init(); }
void ceditline_history_end(History *h) { fn.history_end(h); }
int ceditline_history_set_size(History *h, HistEvent *ev, int size) {
  return fn.history(h, ev, H_SETSIZE, size);
}
int ceditline_history_set_unique(History *h, HistEvent *ev, int unique) {
  return fn.history(h, ev, H_SETUNIQUE, unique);
}
int ceditline_history_enter(History *h, HistEvent *ev, const char *line) {
  return fn.history(h, ev, H_ENTER, line);
}
int ceditline_history_load(History *h, HistEvent *ev, const char *path) {
  return fn.history(h, ev, H_LOAD, path);
}
int ceditline_history_save_to(History *h, HistEvent *ev, FILE *file) {
  return fn.history(h, ev, H_SAVE_FP, file);
}

/* }================================================================== */
