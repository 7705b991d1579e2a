/*
** ceditline.h - libedit (BSD line editing) for the REPL: loaded on first use,
** called through typed wrappers.
**
** Only the REPL edits lines, so the process does not link libedit and the
** libraries it brings (ncurses' tinfo, libbsd, libmd): ceditline_load() opens
** libedit.so.2 with dlopen when a REPL starts.  Nothing below may be called
** before ceditline_load() succeeded.
**
** el_set, el_get and history are variadic, so Swift calls them only through
** the typed wrappers below.  <histedit.h> is included for its types and
** constants only.
*/
#ifndef CEDITLINE_H
#define CEDITLINE_H

#include <histedit.h>
#include <stdio.h>

typedef unsigned char (*ceditline_key_fn)(EditLine *, int);
typedef char *(*ceditline_prompt_fn)(EditLine *);

/*
** Opens libedit, once per process (thread-safe).  Returns NULL on success,
** else why line editing is unavailable (a static string).
*/
const char *ceditline_load(void);

/* {==================================================================
** Editor
** =================================================================== */

/* An editor on the process's standard streams. */
EditLine *ceditline_init(const char *program);
void ceditline_end(EditLine *e);
/*
** el_gets, ended by Ctrl-C: a SIGINT while it reads makes it return NULL with
** *interrupted set (else *interrupted is 0).  Meanwhile SIGINT has its own
** handler, installed without SA_RESTART so the pending read fails; the
** previous action is restored before returning, so a SIGINT outside the
** prompt (while code runs) reaches it as before.
*/
const char *ceditline_gets(EditLine *e, int *count, int *interrupted);
const LineInfo *ceditline_line(EditLine *e);
int ceditline_insert(EditLine *e, const char *text);

/* Writes text to stdout and flushes (completion listings). */
void ceditline_print(const char *text);

int ceditline_set_prompt(EditLine *e, ceditline_prompt_fn f);
int ceditline_set_editor(EditLine *e, const char *mode);
int ceditline_set_history(EditLine *e, History *h);
int ceditline_add_function(EditLine *e, const char *name, const char *help, ceditline_key_fn f);
int ceditline_bind(EditLine *e, const char *key, const char *fn);
int ceditline_set_client_data(EditLine *e, void *data);
void *ceditline_client_data(EditLine *e);
int ceditline_source_defaults(EditLine *e);

/* }================================================================== */

/* {==================================================================
** History
** =================================================================== */

History *ceditline_history_init(void);
void ceditline_history_end(History *h);
int ceditline_history_set_size(History *h, HistEvent *ev, int size);
int ceditline_history_set_unique(History *h, HistEvent *ev, int unique);
int ceditline_history_enter(History *h, HistEvent *ev, const char *line);
int ceditline_history_load(History *h, HistEvent *ev, const char *path);
/*
** Writes every entry to `file`, after the file's header when the stream is at
** offset 0 (libedit writes it only there): writing at the end of a history
** file appends entries alone.
*/
int ceditline_history_save_to(History *h, HistEvent *ev, FILE *file);

/* }================================================================== */

#endif
