/*
** cloader.c - dlopen and dlsym into a function table.
*/
#include "cloader.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

void *cloader_open(const char *const files[], const cloader_symbol symbols[], size_t count, void *table,
                   const char *missing_note, char *error, size_t error_size) {
  size_t f, i;
  snprintf(error, error_size, "no library file to try");
  for (f = 0; files[f] != NULL; f++) {
    void *library = dlopen(files[f], RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
      snprintf(error, error_size, "%s", dlerror());
      continue;
    }
    for (i = 0; i < count; i++) {
      void *address = dlsym(library, symbols[i].name);
      if (address == NULL) break;
      memcpy((char *)table + symbols[i].offset, &address, sizeof(address));
    }
    if (i == count) return library;
    snprintf(error, error_size, "%s has no %s%s", files[f], symbols[i].name, missing_note ? missing_note : "");
    dlclose(library);
  }
  return NULL;
}
