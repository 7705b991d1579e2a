/*
** shim.h - libcurl for Swift through typed, non-variadic wrappers.
**
** curl_easy_setopt, curl_easy_getinfo and curl_multi_setopt are variadic:
** passing the wrong C type is undefined behaviour that no compiler catches
** from Swift.  Swift calls only the wrappers below, each taking the exact C
** type its options document (long, char *, void *, curl_off_t, a callback).
*/
#ifndef CCURL_SHIM_H
#define CCURL_SHIM_H

#include <curl/curl.h>

/* {==================================================================
** curl_easy_setopt
** =================================================================== */

static inline CURLcode ccurl_easy_setopt_long(CURL *h, CURLoption o, long v) {
  return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_string(CURL *h, CURLoption o, const char *v) {
  return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_pointer(CURL *h, CURLoption o, void *v) {
  return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_off(CURL *h, CURLoption o, curl_off_t v) {
  return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_slist(CURL *h, CURLoption o, struct curl_slist *v) {
  return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_write_function(CURL *h, CURLoption o, curl_write_callback v) {
  return curl_easy_setopt(h, o, v);
}
static inline CURLcode ccurl_easy_setopt_xferinfo_function(CURL *h, curl_xferinfo_callback v) {
  return curl_easy_setopt(h, CURLOPT_XFERINFOFUNCTION, v);
}
static inline CURLcode ccurl_easy_setopt_debug_function(CURL *h, curl_debug_callback v) {
  return curl_easy_setopt(h, CURLOPT_DEBUGFUNCTION, v);
}

/* }================================================================== */

/* {==================================================================
** curl_easy_getinfo
** =================================================================== */

static inline CURLcode ccurl_easy_getinfo_long(CURL *h, CURLINFO i, long *v) {
  return curl_easy_getinfo(h, i, v);
}
static inline CURLcode ccurl_easy_getinfo_off(CURL *h, CURLINFO i, curl_off_t *v) {
  return curl_easy_getinfo(h, i, v);
}
static inline CURLcode ccurl_easy_getinfo_pointer(CURL *h, CURLINFO i, void **v) {
  return curl_easy_getinfo(h, i, v);
}
static inline CURLcode ccurl_easy_getinfo_string(CURL *h, CURLINFO i, char **v) {
  return curl_easy_getinfo(h, i, v);
}

/* }================================================================== */

/* {==================================================================
** curl_multi_setopt and multi messages
** =================================================================== */

static inline CURLMcode ccurl_multi_setopt_long(CURLM *m, CURLMoption o, long v) {
  return curl_multi_setopt(m, o, v);
}

/* The easy handle and result of a CURLMSG_DONE message (the union is opaque to Swift). */
static inline CURLcode ccurl_msg_result(const CURLMsg *msg) { return msg->data.result; }

/* }================================================================== */

/* {==================================================================
** Response headers
** =================================================================== */

/*
** The value of the last response's header `name` (case-insensitive), or NULL
** when absent; valid until the handle's next transfer.
*/
static inline const char *ccurl_response_header(CURL *h, const char *name) {
  struct curl_header *header = NULL;
  if (curl_easy_header(h, name, 0, CURLH_HEADER, -1, &header) != CURLHE_OK) return NULL;
  return header->value;
}

/* }================================================================== */

/* {==================================================================
** URL parsing: decide which host curl will talk to
** =================================================================== */

/*
** Copies the lower-cased scheme and host of `url` as curl parses them into the
** buffers; returns 0 on success, -1 when curl cannot parse the URL.
*/
static inline int ccurl_url_scheme_host(const char *url, char *scheme, size_t scheme_size,
                                        char *host, size_t host_size) {
  CURLU *u = curl_url();
  char *s = NULL, *h = NULL;
  int rc = -1;
  if (u == NULL) return -1;
  if (curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_SCHEME, &s, 0) == CURLUE_OK &&
      curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK &&
      strlen(s) < scheme_size && strlen(h) < host_size) {
    strcpy(scheme, s);
    strcpy(host, h);
    rc = 0;
  }
  curl_free(s);
  curl_free(h);
  curl_url_cleanup(u);
  return rc;
}

/* }================================================================== */

#endif
