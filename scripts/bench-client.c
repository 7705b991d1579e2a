/* The calls scripts/bench makes sfjobs do, made by a minimal libcurl client in C: how fast libcurl
 * alone goes on this machine, beside sfjobs and wrk.
 *
 *   bench-client URL TOKEN IDS_FILE info [SECONDS]  GET each job, one after another, in whole passes
 *                                                   until at least SECONDS have gone by
 *   bench-client URL TOKEN IDS_FILE close WIDTH     PATCH each job to UploadComplete, WIDTH at once
 *
 * Prints "seconds<TAB>S<TAB>calls<TAB>N"; exits 1 when a call fails. */
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { MAX_JOBS = 100000, MAX_WIDTH = 64, ID_SIZE = 32, URL_SIZE = 512 };

static char ids[MAX_JOBS][ID_SIZE];

static size_t discard(char *data, size_t size, size_t count, void *context) {
  (void)data;
  (void)context;
  return size * count;
}

/* Points `handle` at the job endpoint of `id` as sfjobs does: the URL as text (what libcurl reports
 * and repeats a request with) and `location`, a URL handle holding `base`, whose path alone changes,
 * so libcurl neither parses the text nor formats it back. `url` must live until the call ends. */
static void point(CURL *handle, CURLU *location, char *url, const char *base, const char *id) {
  size_t base_length = strlen(base);
  if (snprintf(url, URL_SIZE, "%s/services/data/v66.0/jobs/ingest/%s", base, id) >= URL_SIZE ||
      curl_url_set(location, CURLUPART_PATH, url + base_length, 0) != CURLUE_OK) {
    fprintf(stderr, "bench-client: bad URL\n");
    exit(2);
  }
  curl_easy_setopt(handle, CURLOPT_URL, url);
  curl_easy_setopt(handle, CURLOPT_CURLU, location);
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Whether call number `next` starts: each of the `count` jobs once, then further whole passes while
 * less than `least` seconds have gone by since `started`. */
static int starts(long next, int count, double started, double least) {
  return next < count || next % count != 0 || now() - started < least;
}

int main(int argc, char **argv) {
  if (argc < 5 || (strcmp(argv[4], "info") != 0 && (strcmp(argv[4], "close") != 0 || argc < 6))) {
    fprintf(stderr, "usage: bench-client URL TOKEN IDS_FILE info [SECONDS] | close WIDTH\n");
    return 2;
  }
  const char *base = argv[1];
  int closing = strcmp(argv[4], "close") == 0;
  int width = closing ? atoi(argv[5]) : 1;
  double least = !closing && argc > 5 ? atof(argv[5]) : 0;
  if (width < 1 || width > MAX_WIDTH) return 2;
  FILE *file = fopen(argv[3], "r");
  if (!file) return 2;
  int count = 0;
  while (count < MAX_JOBS && fscanf(file, "%31s", ids[count]) == 1) count++;
  fclose(file);
  if (count == 0) return 2;

  char authorization[URL_SIZE];
  snprintf(authorization, sizeof authorization, "Authorization: Bearer %s", argv[2]);
  struct curl_slist *headers = curl_slist_append(NULL, authorization);
  headers = curl_slist_append(headers, "Content-Type: application/json");

  CURLM *multi = curl_multi_init();
  CURL *handles[MAX_WIDTH];
  CURLU *locations[MAX_WIDTH];
  char urls[MAX_WIDTH][URL_SIZE];
  for (int slot = 0; slot < width; slot++) {
    handles[slot] = curl_easy_init();
    locations[slot] = curl_url();
    if (curl_url_set(locations[slot], CURLUPART_URL, base, 0) != CURLUE_OK) {
      fprintf(stderr, "bench-client: bad URL %s\n", base);
      return 2;
    }
    curl_easy_setopt(handles[slot], CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(handles[slot], CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(handles[slot], CURLOPT_PRIVATE, (void *)(long)slot);
    curl_easy_setopt(handles[slot], CURLOPT_NOSIGNAL, 1L); /* as sfjobs: no SIGPIPE handler swapped per call */
    if (closing) {
      curl_easy_setopt(handles[slot], CURLOPT_CUSTOMREQUEST, "PATCH");
      curl_easy_setopt(handles[slot], CURLOPT_POSTFIELDS, "{\"state\":\"UploadComplete\"}");
    }
  }

  double started = now();
  long next = 0;
  int active = 0;
  for (int slot = 0; slot < width && starts(next, count, started, least); slot++, next++, active++) {
    point(handles[slot], locations[slot], urls[slot], base, ids[next % count]);
    curl_multi_add_handle(multi, handles[slot]);
  }
  while (active > 0) {
    int running;
    curl_multi_perform(multi, &running);
    CURLMsg *message;
    int queued;
    while ((message = curl_multi_info_read(multi, &queued))) {
      if (message->msg != CURLMSG_DONE) continue;
      long status = 0;
      void *slot_pointer;
      curl_easy_getinfo(message->easy_handle, CURLINFO_RESPONSE_CODE, &status);
      curl_easy_getinfo(message->easy_handle, CURLINFO_PRIVATE, &slot_pointer);
      if (message->data.result != CURLE_OK || status != 200) {
        fprintf(stderr, "bench-client: a call failed (curl %d, HTTP %ld)\n", (int)message->data.result, status);
        return 1;
      }
      int slot = (int)(long)slot_pointer;
      curl_multi_remove_handle(multi, handles[slot]);
      active--;
      if (starts(next, count, started, least)) {
        point(handles[slot], locations[slot], urls[slot], base, ids[next++ % count]);
        curl_multi_add_handle(multi, handles[slot]);
        active++;
      }
    }
    if (active > 0) curl_multi_poll(multi, NULL, 0, 1000, NULL);
  }
  printf("seconds\t%f\tcalls\t%ld\n", now() - started, next);
  return 0;
}
