/*
** cloader.h - opens a shared library at run time and fills a table of its
** functions: how CCurl and CEditline load libcurl and libedit on first use.
*/
#ifndef CLOADER_H
#define CLOADER_H

#include <stddef.h>

/* One function to resolve: its symbol name and where its address goes in the table. */
typedef struct cloader_symbol {
  const char *name;
  size_t offset;
} cloader_symbol;

/*
** Opens the first of `files` (NULL-terminated) that dlopen finds and that has
** every symbol, storing each address at `table + offset`; returns its handle.
** Otherwise returns NULL with the last file's reason in `error`: the loader's
** message, or "FILE has no SYMBOL" followed by `missing_note` (may be NULL).
*/
void *cloader_open(const char *const files[], const cloader_symbol symbols[], size_t count, void *table,
                   const char *missing_note, char *error, size_t error_size);

#endif
