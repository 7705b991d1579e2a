/*
** ccurl.c - loads libcurl on first use and forwards the typed wrappers to it.
*/
#include "ccurl.h"

#include "cloader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The shared library names tried, in order. */
static const char *const library_files[] = {
#ifdef __APPLE__
  "libcurl.4.dylib", "/usr/lib/libcurl.4.dylib",
#else
  "libcurl.so.4", "libcurl.so",
#endif
  NULL
};

/* {==================================================================
** The function table
** =================================================================== */

typedef struct Functions {
  CURLcode (*global_init)(long flags);
  CURL *(*easy_init)(void);
  void (*easy_cleanup)(CURL *h);
  void (*easy_reset)(CURL *h);
  const char *(*easy_strerror)(CURLcode code);
  CURLcode (*easy_setopt)(CURL *h, CURLoption o, ...);
  CURLcode (*easy_getinfo)(CURL *h, CURLINFO i, ...);
  CURLHcode (*easy_header)(CURL *h, const char *name, size_t index, unsigned int origin,
                           int request, struct curl_header **hout);
  struct curl_slist *(*slist_append)(struct curl_slist *list, const char *line);
  void (*slist_free_all)(struct curl_slist *list);
  CURLM *(*multi_init)(void);
  CURLMcode (*multi_cleanup)(CURLM *m);
  CURLMcode (*multi_setopt)(CURLM *m, CURLMoption o, ...);
  CURLMcode (*multi_add_handle)(CURLM *m, CURL *h);
  CURLMcode (*multi_remove_handle)(CURLM *m, CURL *h);
  CURLMcode (*multi_perform)(CURLM *m, int *running);
  CURLMcode (*multi_poll)(CURLM *m, struct curl_waitfd extra[], unsigned int count,
                          int timeout_ms, int *ret);
  CURLMcode (*multi_wakeup)(CURLM *m);
  CURLMsg *(*multi_info_read)(CURLM *m, int *queued);
  CURLU *(*url)(void);
  void (*url_cleanup)(CURLU *u);
  CURLUcode (*url_set)(CURLU *u, CURLUPart part, const char *content, unsigned int flags);
  CURLUcode (*url_get)(const CURLU *u, CURLUPart part, char **content, unsigned int flags);
  void (*free)(void *p);
} Functions;

/* Each entry: the symbol's name and where its address goes in a table. */
#define ENTRY(field) { "curl_" #field, offsetof(Functions, field) }
static const cloader_symbol entries[] = {
  ENTRY(global_init), ENTRY(easy_init), ENTRY(easy_cleanup), ENTRY(easy_reset),
  ENTRY(easy_strerror), ENTRY(easy_setopt), ENTRY(easy_getinfo), ENTRY(easy_header),
  ENTRY(slist_append), ENTRY(slist_free_all), ENTRY(multi_init), ENTRY(multi_cleanup),
  ENTRY(multi_setopt), ENTRY(multi_add_handle), ENTRY(multi_remove_handle),
  ENTRY(multi_perform), ENTRY(multi_poll), ENTRY(multi_wakeup), ENTRY(multi_info_read),
  ENTRY(url), ENTRY(url_cleanup), ENTRY(url_set), ENTRY(url_get), ENTRY(free),
};
#undef ENTRY

/* Opens the first of `files` with every function, filling `table`: the handle, or NULL and why. */
static void *open_library(const char *const files[], Functions *table, char *error, size_t error_size) {
  return cloader_open(files, entries, sizeof(entries) / sizeof(entries[0]), table,
                      " (libcurl 7.83 or later is needed)", error, error_size);
}

/* }================================================================== */

/* {==================================================================
** Loading
** =================================================================== */

static Functions fn;
static char load_error[512];
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

static void load(void) {
  char reason[400];
  if (open_library(library_files, &fn, reason, sizeof(reason)) == NULL) {
    snprintf(load_error, sizeof(load_error), "libcurl could not be loaded: %s", reason);
  } else if (fn.global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
    snprintf(load_error, sizeof(load_error), "libcurl could not be initialised (curl_global_init failed)");
  }
}

const char *ccurl_load(void) {
  pthread_once(&load_once, load);
  return load_error[0] != '\0' ? load_error : NULL;
}

int ccurl_check_library(const char *file, char *error, size_t error_size) {
  const char *const files[] = {file, NULL};
  Functions table;
  void *library = open_library(files, &table, error, error_size);
  if (library == NULL) return -1;
  dlclose(library);
  return 0;
}

/* }================================================================== */

/* {==================================================================
** Forwarders
** =================================================================== */

CURL *ccurl_easy_init(void) { return fn.easy_init(); }
void ccurl_easy_cleanup(CURL *h) { fn.easy_cleanup(h); }
void ccurl_easy_reset(CURL *h) { fn.easy_reset(h); }
const char *ccurl_easy_strerror(CURLcode code) { return fn.easy_strerror(code); }

struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *line) {
  return fn.slist_append(list, line);
}
void ccurl_slist_free_all(struct curl_slist *list) { fn.slist_free_all(list); }

CURLcode ccurl_easy_setopt_long(CURL *h, CURLoption o, long v) { return fn.easy_setopt(h, o, v); }
CURLcode ccurl_easy_setopt_string(CURL *h, CURLoption o, const char *v) { return fn.easy_setopt(h, o, v); }
CURLcode ccurl_easy_setopt_pointer(CURL *h, CURLoption o, void *v) { return fn.easy_setopt(h, o, v); }
CURLcode ccurl_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) { return fn.easy_setopt(h, o, v); }
CURLcode ccurl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
  return fn.easy_setopt(h, o, v);
}
CURLcode ccurl_easy_setopt_write_function(CURL *h, CURLoption o, curl_write_callback v) {
  return fn.easy_setopt(h, o, v);
}
CURLcode ccurl_easy_setopt_debug_function(CURL *h, curl_debug_callback v) {
  return fn.easy_setopt(h, CURLOPT_DEBUGFUNCTION, v);
}
CURLcode ccurl_easy_setopt_curlu(CURL *h, CURLU *v) { return fn.easy_setopt(h, CURLOPT_CURLU, v); }

/* CURLOPT_PREREQFUNCTION runs each time libcurl is about to send a request on a connection,
   once per attempt: counting the calls tells a request libcurl sent again on a fresh connection
   (after a reused one turned out closed) from one sent once. */
static int ccurl_count_send(void *counter, char *primary_ip, char *local_ip, int primary_port, int local_port) {
  (void)primary_ip; (void)local_ip; (void)primary_port; (void)local_port;
  *(int *)counter += 1;
  return CURL_PREREQFUNC_OK;
}

CURLcode ccurl_easy_count_sends(CURL *h, int *counter) {
  CURLcode code = fn.easy_setopt(h, CURLOPT_PREREQDATA, (void *)counter);
  if (code != CURLE_OK) return code;
  return fn.easy_setopt(h, CURLOPT_PREREQFUNCTION, ccurl_count_send);
}

CURLcode ccurl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) { return fn.easy_getinfo(h, i, v); }
CURLcode ccurl_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) { return fn.easy_getinfo(h, i, v); }
CURLcode ccurl_easy_getinfo_string(CURL *h, CURLINFO i, char **v) { return fn.easy_getinfo(h, i, v); }

const char *ccurl_response_header(CURL *h, const char *name) {
  struct curl_header *header = NULL;
  if (fn.easy_header(h, name, 0, CURLH_HEADER, -1, &header) != CURLHE_OK) return NULL;
  return header->value;
}

CURLM *ccurl_multi_init(void) { return fn.multi_init(); }
CURLMcode ccurl_multi_cleanup(CURLM *m) { return fn.multi_cleanup(m); }
CURLMcode ccurl_multi_setopt_long(CURLM *m, CURLMoption o, long v) { return fn.multi_setopt(m, o, v); }
CURLMcode ccurl_multi_add_handle(CURLM *m, CURL *h) { return fn.multi_add_handle(m, h); }
CURLMcode ccurl_multi_remove_handle(CURLM *m, CURL *h) { return fn.multi_remove_handle(m, h); }
CURLMcode ccurl_multi_perform(CURLM *m, int *running) { return fn.multi_perform(m, running); }
CURLMcode ccurl_multi_poll(CURLM *m, int timeout_ms) { return fn.multi_poll(m, NULL, 0, timeout_ms, NULL); }
CURLMcode ccurl_multi_wakeup(CURLM *m) { return fn.multi_wakeup(m); }

int ccurl_multi_next_done(CURLM *m, CURL **easy, CURLcode *result) {
  int queued = 0;
  CURLMsg *message;
  while ((message = fn.multi_info_read(m, &queued)) != NULL) {
    if (message->msg != CURLMSG_DONE) continue;
    *easy = message->easy_handle;
    *result = message->data.result;
    return 1;
  }
  return 0;
}

int ccurl_url_scheme_host(const char *url, char *scheme, size_t scheme_size, char *host, size_t host_size) {
  CURLU *u = fn.url();
  char *s = NULL, *h = NULL;
  int rc = -1;
  if (u == NULL) return -1;
  if (fn.url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
      fn.url_get(u, CURLUPART_SCHEME, &s, 0) == CURLUE_OK &&
      fn.url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK &&
      strlen(s) < scheme_size && strlen(h) < host_size) {
    strcpy(scheme, s);
    strcpy(host, h);
    rc = 0;
  }
  fn.free(s);
  fn.free(h);
  fn.url_cleanup(u);
  return rc;
}

CURLU *ccurl_url_parse(const char *url) {
  CURLU *u = fn.url();
  if (u == NULL) return NULL;
  /* The flags libcurl itself parses CURLOPT_URL with. */
  if (fn.url_set(u, CURLUPART_URL, url, CURLU_GUESS_SCHEME | CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    fn.url_cleanup(u);
    return NULL;
  }
  return u;
}

void ccurl_url_cleanup(CURLU *u) { fn.url_cleanup(u); }

int ccurl_url_set_path_query(CURLU *u, const char *path, size_t path_length, const char *query,
                             size_t query_length) {
  /* Both parts NUL-terminated, one after the other. */
  char local[1024];
  size_t size = path_length + 1 + query_length + 1;
  char *text = size <= sizeof(local) ? local : malloc(size);
  int rc = -1;
  if (text == NULL) return -1;
  memcpy(text, path, path_length);
  text[path_length] = '\0';
  char *query_text = text + path_length + 1;
  if (query != NULL) memcpy(query_text, query, query_length);
  query_text[query_length] = '\0';
  if (fn.url_set(u, CURLUPART_PATH, text, 0) == CURLUE_OK &&
      fn.url_set(u, CURLUPART_QUERY, query != NULL ? query_text : NULL, 0) == CURLUE_OK)
    rc = 0;
  if (text != local) free(text);
  return rc;
}

/* }================================================================== */
