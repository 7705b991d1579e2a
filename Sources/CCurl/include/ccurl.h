/*
** ccurl.h - libcurl for Swift: loaded on first use, called through typed wrappers.
**
** libcurl and the thirty-odd libraries it links (TLS, HTTP/2, IDN, Kerberos,
** LDAP...) cost a program more startup time than everything else sfjobs does
** before its first line of Lua, so the process does not link them: ccurl_load()
** opens libcurl.so.4 with dlopen on the first HTTP call and resolves every
** function below.  Nothing here may be called before ccurl_load() succeeded,
** except ccurl_load() and ccurl_check_library().
**
** curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic:
** passing the wrong C type is undefined behaviour that no compiler catches from
** Swift.  Swift calls only the wrappers below, each taking the exact C type its
** options document (long, char *, void *, curl_off_t, a callback).
**
** <curl/curl.h> is included for its types and constants only; the process does
** not link libcurl, so calling one of its functions directly fails to link.
*/
#ifndef CCURL_H
#define CCURL_H

#include <curl/curl.h>
#include <stddef.h>

/* {==================================================================
** Loading
** =================================================================== */

/*
** Opens libcurl and calls curl_global_init, once per process (thread-safe).
** Returns NULL on success, else why libcurl is unusable (a static string).
*/
const char *ccurl_load(void);

/*
** Whether the shared library `file` provides every function sfjobs uses,
** without touching the loaded one: 0, or -1 with the reason in `error`.
*/
int ccurl_check_library(const char *file, char *error, size_t error_size);

/* }================================================================== */

/* {==================================================================
** Easy handles and header lists
** =================================================================== */

CURL *ccurl_easy_init(void);
void ccurl_easy_cleanup(CURL *h);
void ccurl_easy_reset(CURL *h);
const char *ccurl_easy_strerror(CURLcode code);
struct curl_slist *ccurl_slist_append(struct curl_slist *list, const char *line);
void ccurl_slist_free_all(struct curl_slist *list);

/* }================================================================== */

/* {==================================================================
** curl_easy_setopt
** =================================================================== */

CURLcode ccurl_easy_setopt_long(CURL *h, CURLoption o, long v);
CURLcode ccurl_easy_setopt_string(CURL *h, CURLoption o, const char *v);
CURLcode ccurl_easy_setopt_pointer(CURL *h, CURLoption o, void *v);
CURLcode ccurl_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v);
CURLcode ccurl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v);
CURLcode ccurl_easy_setopt_write_function(CURL *h, CURLoption o, curl_write_callback v);
CURLcode ccurl_easy_setopt_debug_function(CURL *h, curl_debug_callback v);
CURLcode ccurl_easy_setopt_curlu(CURL *h, CURLU *v);
/* Adds 1 to *counter each time libcurl sends the handle's request (CURLOPT_PREREQFUNCTION). */
CURLcode ccurl_easy_count_sends(CURL *h, int *counter);

/* }================================================================== */

/* {==================================================================
** curl_easy_getinfo and response headers
** =================================================================== */

CURLcode ccurl_easy_getinfo_long(CURL *h, CURLINFO i, long *v);
CURLcode ccurl_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v);
CURLcode ccurl_easy_getinfo_string(CURL *h, CURLINFO i, char **v);

/*
** The value of the last response's header `name` (case-insensitive), or NULL
** when absent; valid until the handle's next transfer.
*/
const char *ccurl_response_header(CURL *h, const char *name);

/* }================================================================== */

/* {==================================================================
** Multi handles
** =================================================================== */

CURLM *ccurl_multi_init(void);
CURLMcode ccurl_multi_cleanup(CURLM *m);
CURLMcode ccurl_multi_setopt_long(CURLM *m, CURLMoption o, long v);
CURLMcode ccurl_multi_add_handle(CURLM *m, CURL *h);
CURLMcode ccurl_multi_remove_handle(CURLM *m, CURL *h);
CURLMcode ccurl_multi_perform(CURLM *m, int *running);
CURLMcode ccurl_multi_poll(CURLM *m, int timeout_ms);
CURLMcode ccurl_multi_wakeup(CURLM *m);

/*
** The next message of the multi handle, or NULL: for a finished transfer,
** its easy handle and result (the message's union is opaque to Swift).
*/
int ccurl_multi_next_done(CURLM *m, CURL **easy, CURLcode *result);

/* }================================================================== */

/* {==================================================================
** URL parsing: decide which host curl will talk to
** =================================================================== */

/*
** Copies the lower-cased scheme and host of `url` as curl parses them into the
** buffers; returns 0 on success, -1 when curl cannot parse the URL.
*/
int ccurl_url_scheme_host(const char *url, char *scheme, size_t scheme_size, char *host, size_t host_size);

/*
** A URL handle holding `url` parsed as libcurl parses CURLOPT_URL, or NULL
** when libcurl rejects it (or memory ran out).
*/
CURLU *ccurl_url_parse(const char *url);
void ccurl_url_cleanup(CURLU *u);

/*
** Replaces the path and query of `u` with the `path_length` bytes at `path`
** and the `query_length` bytes at `query` (NULL removes the query).  Returns 0
** on success, -1 when libcurl refused a part or memory ran out.
*/
int ccurl_url_set_path_query(CURLU *u, const char *path, size_t path_length, const char *query,
                             size_t query_length);

/* }================================================================== */

#endif
