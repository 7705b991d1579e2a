/*
** shim.h - libedit (BSD line editing) for the REPL, through its native
** EditLine/History interface.  el_set and history are variadic, so Swift
** calls them only through the typed wrappers below.
*/
#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H

#include <histedit.h>
#include <stdio.h>

typedef unsigned char (*ceditline_key_fn)(EditLine *, int);

/* An editor on the process's standard streams. */
static inline EditLine *ceditline_init(const char *program) {
  return el_init(program, stdin, stdout, stderr);
}

/* Writes text to stdout and flushes (completion listings). */
static inline void ceditline_print(const char *text) {
  fputs(text, stdout);
  fflush(stdout);
}
typedef char *(*ceditline_prompt_fn)(EditLine *);

static inline int ceditline_set_prompt(EditLine *e, ceditline_prompt_fn f) {
  return el_set(e, EL_PROMPT, f);
}
static inline int ceditline_set_editor(EditLine *e, const char *mode) {
  return el_set(e, EL_EDITOR, mode);
}
static inline int ceditline_set_signal(EditLine *e, int on) { return el_set(e, EL_SIGNAL, on); }
static inline int ceditline_set_history(EditLine *e, History *h) {
  return el_set(e, EL_HIST, history, h);
}
static inline int ceditline_add_function(EditLine *e, const char *name, const char *help,
                                         ceditline_key_fn f) {
  return el_set(e, EL_ADDFN, name, help, f);
}
static inline int ceditline_bind(EditLine *e, const char *key, const char *fn) {
  return el_set(e, EL_BIND, key, fn, NULL);
}
static inline int ceditline_set_client_data(EditLine *e, void *data) {
  return el_set(e, EL_CLIENTDATA, data);
}
static inline void *ceditline_client_data(EditLine *e) {
  void *data = NULL;
  el_get(e, EL_CLIENTDATA, &data);
  return data;
}
static inline int ceditline_source_defaults(EditLine *e) { return el_source(e, NULL); }

static inline int ceditline_history_set_size(History *h, HistEvent *ev, int size) {
  return history(h, ev, H_SETSIZE, size);
}
static inline int ceditline_history_set_unique(History *h, HistEvent *ev, int unique) {
  return history(h, ev, H_SETUNIQUE, unique);
}
static inline int ceditline_history_enter(History *h, HistEvent *ev, const char *line) {
  return history(h, ev, H_ENTER, line);
}
static inline int ceditline_history_load(History *h, HistEvent *ev, const char *path) {
  return history(h, ev, H_LOAD, path);
}
static inline int ceditline_history_save(History *h, HistEvent *ev, const char *path) {
  return history(h, ev, H_SAVE, path);
}

#endif
