/*
** shim.h - the complete Lua 5.4 C API as Swift can see it.
**
** Swift cannot import Lua's function-like macros, its variadic functions or
** LUA_REGISTRYINDEX, so this header re-declares them as static inline
** functions and constants.  It also holds the three pieces of C that make a
** Swift host safe:
**
**   - clua_trampoline: every Swift function that Lua calls goes through it.
**     Swift returns CLUA_RAISE with the error value pushed, and only this C
**     frame calls lua_error, so no longjmp ever crosses a Swift frame.
**   - clua_alloc: the allocator, with a byte budget that applies only while
**     Lua code runs (never while Swift pushes values).
**   - clua_hook: a count hook that turns a pending interrupt, an instruction
**     budget or a deadline into a Lua error.
**
** This file uses only the official API of Lua.
*/
#ifndef CLUA_SHIM_H
#define CLUA_SHIM_H

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* {==================================================================
** Constants and macros
** =================================================================== */

static const int CLUA_REGISTRYINDEX = LUA_REGISTRYINDEX;
static const int CLUA_MULTRET = LUA_MULTRET;

static inline int clua_upvalueindex(int i) { return lua_upvalueindex(i); }
static inline void clua_pop(lua_State *L, int n) { lua_pop(L, n); }
static inline void clua_newtable(lua_State *L) { lua_newtable(L); }
static inline int clua_isnoneornil(lua_State *L, int i) { return lua_isnoneornil(L, i); }
static inline void clua_insert(lua_State *L, int i) { lua_insert(L, i); }
static inline void clua_remove(lua_State *L, int i) { lua_remove(L, i); }
static inline void clua_replace(lua_State *L, int i) { lua_replace(L, i); }
static inline lua_Integer clua_tointegerx(lua_State *L, int i, int *isnum) { return lua_tointegerx(L, i, isnum); }
static inline lua_Number clua_tonumberx(lua_State *L, int i, int *isnum) { return lua_tonumberx(L, i, isnum); }
static inline void *clua_newuserdata(lua_State *L, size_t size) { return lua_newuserdatauv(L, size, 1); }
static inline int clua_getmetatable_named(lua_State *L, const char *name) { return luaL_getmetatable(L, name); }
static inline void clua_pushglobaltable(lua_State *L) { lua_pushglobaltable(L); }
static inline int clua_gc_collect(lua_State *L) { return lua_gc(L, LUA_GCCOLLECT); }
static inline int clua_gc_count_bytes(lua_State *L) {
  return lua_gc(L, LUA_GCCOUNT) * 1024 + lua_gc(L, LUA_GCCOUNTB);
}
static inline void clua_gc_generational(lua_State *L) { lua_gc(L, LUA_GCGEN, 0, 0); }

/*
** Pushes the string of `length` bytes at `bytes`, taken from cache[slot] (the
** table at absolute index `cache`) when that holds the same bytes; otherwise
** made anew and left in cache[slot] for the next time.  Lua hashes a short
** string every time it is pushed; this compares it with one it already has.
*/
static inline void clua_push_cached_string(lua_State *L, int cache, lua_Integer slot,
                                           const char *bytes, size_t length) {
  if (lua_rawgeti(L, cache, slot) == LUA_TSTRING) {
    size_t cached_length;
    const char *cached = lua_tolstring(L, -1, &cached_length);
    if (cached_length == length && (length == 0 || memcmp(cached, bytes, length) == 0)) return;
  }
  lua_pop(L, 1);
  lua_pushlstring(L, bytes, length);
  lua_pushvalue(L, -1);
  lua_rawseti(L, cache, slot);
}

/* }================================================================== */

/* {==================================================================
** Control block: budgets and interrupts of one lua_State
** =================================================================== */

/* Reasons the hook raises an error; 0 means none is pending. */
enum {
  CLUA_INTERRUPT_NONE = 0,
  CLUA_INTERRUPT_USER = 1,        /* Ctrl-C, SIGTERM after grace */
  CLUA_INTERRUPT_TIMEOUT = 2,     /* a deadline passed */
  CLUA_INTERRUPT_INSTRUCTIONS = 3 /* the instruction budget ran out */
};

/* The value a Swift function returns to ask the trampoline to raise. */
static const int CLUA_RAISE = -1;

/* Instructions between two runs of the count hook. */
static const int CLUA_HOOK_STEP = 1000;

/* Pushes the error object of an interrupt; called by the hook, never raises. */
typedef void (*clua_InterruptErrorFn)(lua_State *L, void *host, int reason);

/*
** One per lua_State, passed as the allocator's user data so every thread
** (coroutine) of the state can find it with lua_getallocf.
*/
typedef struct clua_Control {
  size_t used;                  /* bytes allocated now */
  size_t peak;                  /* most bytes allocated at once */
  size_t limit;                 /* 0: no memory budget */
  int enforce;                  /* the budget applies only while Lua code runs */
  int interrupt;                /* pending reason; written from any thread */
  long long instructions;       /* instructions run since the budget was set */
  long long instruction_limit;  /* 0: no instruction budget */
  long long deadline_ns;        /* CLOCK_MONOTONIC; 0: no deadline */
  clua_InterruptErrorFn interrupt_error;
  void *host;
} clua_Control;

static inline clua_Control *clua_control(lua_State *L) {
  void *ud = NULL;
  lua_getallocf(L, &ud);
  return (clua_Control *)ud;
}

static inline long long clua_monotonic_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

/* Thread-safe: may be called from a signal-handling or watchdog thread. */
static inline void clua_request_interrupt(clua_Control *c, int reason) {
  __atomic_store_n(&c->interrupt, reason, __ATOMIC_RELEASE);
}

static inline int clua_pending_interrupt(clua_Control *c) {
  return __atomic_load_n(&c->interrupt, __ATOMIC_ACQUIRE);
}

/*
** The allocator (lua_Alloc contract: nsize 0 frees; NULL only on failure).
** When ptr is NULL, osize is a type tag, not a size.
*/
static inline void *clua_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  clua_Control *c = (clua_Control *)ud;
  size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    free(ptr);
    c->used -= old;
    return NULL;
  }
  if (c->enforce && c->limit && nsize > old && c->used - old + nsize > c->limit)
    return NULL;  /* Lua runs an emergency collection and may try again */
  void *p = realloc(ptr, nsize);
  if (p == NULL) return NULL;
  c->used = c->used - old + nsize;
  if (c->used > c->peak) c->peak = c->used;
  return p;
}

static inline lua_State *clua_newstate(clua_Control *c) {
  return lua_newstate(clua_alloc, c);
}

/*
** The hook: runs every CLUA_HOOK_STEP instructions in every thread (new
** threads inherit it).  Once it raises, it fires on every instruction of
** that thread, so a script cannot swallow the interrupt with pcall and go on.
*/
static inline void clua_hook(lua_State *L, lua_Debug *ar) {
  clua_Control *c = clua_control(L);
  int reason = clua_pending_interrupt(c);
  if (reason == CLUA_INTERRUPT_NONE && ar->event == LUA_HOOKCOUNT) {
    int step = lua_gethookcount(L);
    if (step != CLUA_HOOK_STEP) {  /* an interrupt was cleared: slow down */
      lua_sethook(L, clua_hook, LUA_MASKCOUNT, CLUA_HOOK_STEP);
      return;
    }
    if (c->instruction_limit > 0) {
      c->instructions += step;
      if (c->instructions > c->instruction_limit)
        reason = CLUA_INTERRUPT_INSTRUCTIONS;
    }
    if (reason == CLUA_INTERRUPT_NONE && c->deadline_ns > 0 &&
        clua_monotonic_ns() >= c->deadline_ns)
      reason = CLUA_INTERRUPT_TIMEOUT;
  }
  if (reason == CLUA_INTERRUPT_NONE) return;
  if (reason != CLUA_INTERRUPT_USER) clua_request_interrupt(c, reason);
  lua_sethook(L, clua_hook, LUA_MASKCOUNT, 1);  /* stay on it */
  int saved = c->enforce;
  c->enforce = 0;
  c->interrupt_error(L, c->host, reason);  /* push error object */
  c->enforce = saved;
  lua_error(L);
}

static inline void clua_install_hook(lua_State *L) {
  lua_sethook(L, clua_hook, LUA_MASKCOUNT, CLUA_HOOK_STEP);
}

/* }================================================================== */

/* {==================================================================
** Swift functions
** =================================================================== */

/*
** A Swift function as Lua sees it: a full userdata (upvalue 1 of a C
** closure) holding the dispatcher and the Swift context.  `call` returns the
** number of results, or CLUA_RAISE with the error value on top of the stack.
*/
typedef int (*clua_SwiftCall)(lua_State *L, void *context);
typedef void (*clua_SwiftRelease)(void *context);

typedef struct clua_SwiftFunction {
  clua_SwiftCall call;
  clua_SwiftRelease release;
  void *context;
} clua_SwiftFunction;

static const char *const CLUA_SWIFT_FUNCTION = "LuaHost.SwiftFunction";

/* The only place where an error raised by Swift becomes a longjmp. */
static inline int clua_trampoline(lua_State *L) {
  clua_SwiftFunction *f = (clua_SwiftFunction *)lua_touserdata(L, lua_upvalueindex(1));
  clua_Control *c = clua_control(L);
  int saved = c->enforce;
  c->enforce = 0;  /* Swift may push freely: no memory error mid-Swift */
  int n = f->call(L, f->context);
  c->enforce = saved;
  if (n == CLUA_RAISE) return lua_error(L);
  return n;
}

static inline int clua_swift_function_gc(lua_State *L) {
  clua_SwiftFunction *f = (clua_SwiftFunction *)lua_touserdata(L, 1);
  if (f != NULL && f->context != NULL) {
    f->release(f->context);
    f->context = NULL;
  }
  return 0;
}

/* Pushes a Lua function that calls `call(L, context)`; `release` runs at GC.  [-0, +1, m] */
static inline void clua_push_swift_function(lua_State *L, clua_SwiftCall call,
                                            clua_SwiftRelease release, void *context) {
  clua_SwiftFunction *f = (clua_SwiftFunction *)lua_newuserdatauv(L, sizeof *f, 0);
  f->call = call;
  f->release = release;
  f->context = context;
  if (luaL_newmetatable(L, CLUA_SWIFT_FUNCTION)) {
    lua_pushcfunction(L, clua_swift_function_gc);
    lua_setfield(L, -2, "__gc");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");  /* scripts cannot reach __gc */
  }
  lua_setmetatable(L, -2);
  lua_pushcclosure(L, clua_trampoline, 1);
}

/* }================================================================== */

/* {==================================================================
** Protected operations
** =================================================================== */

static const char *const CLUA_TRACEBACK_KEY = "LuaHost.traceback";

/*
** Message handler: records a traceback in the registry and returns the
** error object unchanged, so tables keep their fields.  Runs no Lua code.
*/
static inline int clua_msghandler(lua_State *L) {
  luaL_traceback(L, L, NULL, 1);                /* push traceback */
  lua_setfield(L, LUA_REGISTRYINDEX, CLUA_TRACEBACK_KEY);  /* pop it */
  return 1;                                     /* the error object */
}

/* Calls the function below nargs arguments with the budget in force. */
static inline int clua_pcall(lua_State *L, int nargs, int nresults, int msgh) {
  clua_Control *c = clua_control(L);
  int saved = c->enforce;
  c->enforce = 1;
  int status = lua_pcallk(L, nargs, nresults, msgh, 0, NULL);
  c->enforce = saved;
  return status;
}

static inline int clua_tostring_k(lua_State *L) {
  luaL_tolstring(L, 1, NULL);
  return 1;
}

/*
** Pushes tostring(value at idx) as `print` makes it, running __tostring under
** protection; returns the status.  On an error, pushes the error object instead
** (for the caller to raise again).  [-0, +1, m]
*/
static inline int clua_pcall_tostring(lua_State *L, int idx) {
  idx = lua_absindex(L, idx);
  lua_pushcfunction(L, clua_tostring_k);
  lua_pushvalue(L, idx);
  return lua_pcallk(L, 1, 1, 0, 0, NULL);
}

/*
** Pushes tostring(value at idx), running __tostring under protection.  On an
** error in the metamethod, pushes a description of the value instead.  [-0, +1, m]
*/
static inline void clua_push_tostring(lua_State *L, int idx) {
  idx = lua_absindex(L, idx);
  if (clua_pcall_tostring(L, idx) != LUA_OK || !lua_isstring(L, -1)) {
    lua_pop(L, 1);
    lua_pushfstring(L, "(error object is a %s value)", luaL_typename(L, idx));
  }
}

/* Pushes tostring(argument 1) when its metatable has __tostring; nothing otherwise. */
static inline int clua_metatostring_k(lua_State *L) {
  if (luaL_getmetafield(L, 1, "__tostring") == LUA_TNIL) return 0;
  lua_pop(L, 1);                                /* remove the metamethod */
  luaL_tolstring(L, 1, NULL);
  return 1;
}

/*
** Runs the __tostring of the value at idx, if it has one, under protection
** and with the budget in force.  Returns the status; *pushed is how many
** values it left: the string (1) or none when there is no __tostring (0) on
** LUA_OK, the error object (1) otherwise.  [-0, +(0|1), -]
*/
static inline int clua_pcall_metatostring(lua_State *L, int idx, int *pushed) {
  int top = lua_gettop(L);
  idx = lua_absindex(L, idx);
  lua_pushcfunction(L, clua_metatostring_k);
  lua_pushvalue(L, idx);
  int status = clua_pcall(L, 1, LUA_MULTRET, 0);
  *pushed = lua_gettop(L) - top;
  return status;
}

static inline int clua_load_buffer(lua_State *L, const char *buf, size_t size, const char *name) {
  return luaL_loadbufferx(L, buf, size, name, NULL);
}

static inline int clua_load_file(lua_State *L, const char *path) {
  return luaL_loadfilex(L, path, NULL);
}

/* Pushes "chunkname:currentline: " of the function at `level`.  [-0, +1, m] */
static inline void clua_push_where(lua_State *L, int level) { luaL_where(L, level); }

/*
** Searches the table on top, `level` tables deep, for the value at `objidx`;
** on success leaves its dotted name on top (lauxlib's findfield).  Raw access only.
*/
static inline int clua_findfield(lua_State *L, int objidx, int level) {
  if (level == 0 || !lua_istable(L, -1)) return 0;
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    if (lua_type(L, -2) == LUA_TSTRING) {
      if (lua_rawequal(L, objidx, -1)) {
        lua_pop(L, 1);                     /* keep the name */
        return 1;
      }
      else if (clua_findfield(L, objidx, level - 1)) {
        lua_pushliteral(L, ".");           /* lib_name, lib_table, field_name */
        lua_replace(L, -3);
        lua_concat(L, 3);                  /* lib_name.field_name */
        return 1;
      }
    }
    lua_pop(L, 1);                         /* remove value */
  }
  return 0;
}

/*
** Pushes the name the running C function is known by, for argument errors:
** the name its caller used, else where package.loaded holds it (`sf.job_info`),
** else "?".  Sets *is_method when it was called with ':'.  [-0, +1, m]
*/
static inline void clua_push_current_function_name(lua_State *L, int *is_method) {
  lua_Debug ar;
  *is_method = 0;
  if (!lua_getstack(L, 0, &ar)) { lua_pushliteral(L, "?"); return; }
  lua_getinfo(L, "n", &ar);
  if (ar.name != NULL) {
    *is_method = ar.namewhat != NULL && strcmp(ar.namewhat, "method") == 0;
    lua_pushstring(L, ar.name);
    return;
  }
  int top = lua_gettop(L);
  lua_getinfo(L, "f", &ar);                           /* push function */
  lua_getfield(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  if (lua_checkstack(L, 6) && clua_findfield(L, top + 1, 2)) {
    const char *name = lua_tostring(L, -1);
    if (strncmp(name, LUA_GNAME ".", 3) == 0) {        /* drop a '_G.' prefix */
      lua_pushstring(L, name + 3);
      lua_remove(L, -2);
    }
    lua_copy(L, -1, top + 1);
    lua_settop(L, top + 1);
  } else {
    lua_settop(L, top);
    lua_pushliteral(L, "?");
  }
}

/* }================================================================== */

#endif
