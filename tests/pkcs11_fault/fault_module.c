// PKCS#11 fault-injection module for tests. It wraps a real module (SoftHSM2 by default) and,
// on demand, makes selected calls fail the way a broken or removed HSM would.
//
// Environment:
//   CHUNGTHU_FAULT_TARGET  real module to load (default /usr/lib/softhsm/libsofthsm2.so)
//   CHUNGTHU_FAULT_FILE    control file, read on every wrapped call; its first word selects:
//     device_error            every wrapped call returns CKR_DEVICE_ERROR
//     token_not_present       the token looks pulled: no token in slot lists, token and session
//                             calls fail; on first sight all real sessions are closed
//     session_handle_invalid  one shot: close all real sessions, empty the file, pass through
//     anything else / empty   pass through
//
// Both variables are read once, on the first C_GetFunctionList.
#define _POSIX_C_SOURCE 200809L

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <p11-kit/pkcs11.h>

#define DEFAULT_TARGET "/usr/lib/softhsm/libsofthsm2.so"

typedef enum { FAULT_NONE, FAULT_DEVICE_ERROR, FAULT_TOKEN_NOT_PRESENT } fault_mode;

static pthread_once_t g_once = PTHREAD_ONCE_INIT;
static CK_RV g_init_rv = CKR_GENERAL_ERROR;
static CK_FUNCTION_LIST_PTR g_real;  // the real module's list
static CK_FUNCTION_LIST g_list;      // our copy with wrappers patched in
static char g_fault_path[4096];      // CHUNGTHU_FAULT_FILE (static: the module is never unloaded cleanly)
static char* g_fault_file;           // g_fault_path, or NULL when CHUNGTHU_FAULT_FILE is unset

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static int g_tnp_sessions_closed;  // token_not_present episode already closed the sessions

// Reads the first word of the control file into word (empty when missing or empty).
static void read_fault_word(char* word, size_t size) {
  word[0] = '\0';
  if (g_fault_file == NULL) return;
  int fd = open(g_fault_file, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  char buf[128];
  size_t len = 0;
  while (len < sizeof buf - 1) {
    ssize_t n = read(fd, buf + len, sizeof buf - 1 - len);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    len += (size_t)n;
  }
  close(fd);
  buf[len] = '\0';

  const char* ws = " \t\r\n\v\f";
  char* p = buf + strspn(buf, ws);
  size_t wlen = strcspn(p, ws);
  if (wlen >= size) wlen = size - 1;
  memcpy(word, p, wlen);
  word[wlen] = '\0';
}

// Empties the control file (without creating it).
static void clear_fault_file(void) {
  if (g_fault_file == NULL) return;
  int fd = open(g_fault_file, O_WRONLY | O_TRUNC | O_CLOEXEC);
  if (fd >= 0) close(fd);
}

// Calls the real C_CloseAllSessions on every slot the real module knows.
static void close_all_real_sessions(void) {
  CK_ULONG count = 0;
  if (g_real->C_GetSlotList(CK_FALSE, NULL, &count) != CKR_OK || count == 0) return;
  CK_SLOT_ID* slots = calloc(count, sizeof *slots);
  if (slots == NULL) return;
  if (g_real->C_GetSlotList(CK_FALSE, slots, &count) == CKR_OK) {
    for (CK_ULONG i = 0; i < count; i++) g_real->C_CloseAllSessions(slots[i]);
  }
  free(slots);
}

// Reads the control file and performs its side effects; returns the fault to apply.
static fault_mode check_fault(void) {
  char word[64];
  fault_mode mode = FAULT_NONE;

  pthread_mutex_lock(&g_lock);
  read_fault_word(word, sizeof word);
  if (strcmp(word, "device_error") == 0) {
    mode = FAULT_DEVICE_ERROR;
  } else if (strcmp(word, "token_not_present") == 0) {
    mode = FAULT_TOKEN_NOT_PRESENT;
    if (!g_tnp_sessions_closed) {
      // A pulled token loses its sessions.
      close_all_real_sessions();
      g_tnp_sessions_closed = 1;
    }
  } else if (strcmp(word, "session_handle_invalid") == 0) {
    // One shot: the HSM forgot every session; the real call then fails on its own.
    close_all_real_sessions();
    clear_fault_file();
  }
  if (mode != FAULT_TOKEN_NOT_PRESENT) g_tnp_sessions_closed = 0;
  pthread_mutex_unlock(&g_lock);
  return mode;
}

// Fault result for calls that take a session handle.
static CK_RV session_fault(void) {
  switch (check_fault()) {
    case FAULT_DEVICE_ERROR: return CKR_DEVICE_ERROR;
    case FAULT_TOKEN_NOT_PRESENT: return CKR_DEVICE_REMOVED;
    default: return CKR_OK;
  }
}

// Slot and token calls.

static CK_RV fw_GetSlotList(CK_BBOOL token_present, CK_SLOT_ID_PTR slot_list, CK_ULONG_PTR count) {
  fault_mode mode = check_fault();
  if (mode == FAULT_DEVICE_ERROR) return CKR_DEVICE_ERROR;
  if (mode == FAULT_TOKEN_NOT_PRESENT && token_present) {
    if (count == NULL) return CKR_ARGUMENTS_BAD;
    *count = 0;  // size query and real fetch alike: no slot has a token
    return CKR_OK;
  }
  return g_real->C_GetSlotList(token_present, slot_list, count);
}

static CK_RV fw_GetSlotInfo(CK_SLOT_ID slot, CK_SLOT_INFO_PTR info) {
  fault_mode mode = check_fault();
  if (mode == FAULT_DEVICE_ERROR) return CKR_DEVICE_ERROR;
  CK_RV rv = g_real->C_GetSlotInfo(slot, info);
  if (rv == CKR_OK && mode == FAULT_TOKEN_NOT_PRESENT && info != NULL) {
    info->flags &= ~(CK_FLAGS)CKF_TOKEN_PRESENT;
  }
  return rv;
}

static CK_RV fw_GetTokenInfo(CK_SLOT_ID slot, CK_TOKEN_INFO_PTR info) {
  fault_mode mode = check_fault();
  if (mode == FAULT_DEVICE_ERROR) return CKR_DEVICE_ERROR;
  if (mode == FAULT_TOKEN_NOT_PRESENT) return CKR_TOKEN_NOT_PRESENT;
  return g_real->C_GetTokenInfo(slot, info);
}

static CK_RV fw_OpenSession(CK_SLOT_ID slot, CK_FLAGS flags, CK_VOID_PTR application,
                            CK_NOTIFY notify, CK_SESSION_HANDLE_PTR session) {
  fault_mode mode = check_fault();
  if (mode == FAULT_DEVICE_ERROR) return CKR_DEVICE_ERROR;
  if (mode == FAULT_TOKEN_NOT_PRESENT) return CKR_TOKEN_NOT_PRESENT;
  return g_real->C_OpenSession(slot, flags, application, notify, session);
}

// Session calls: fault check, then the real call with the same arguments.
#define SESSION_WRAP(name, params, args)   \
  static CK_RV fw_##name params {          \
    CK_RV rv = session_fault();            \
    if (rv != CKR_OK) return rv;           \
    return g_real->C_##name args;          \
  }

SESSION_WRAP(GetSessionInfo, (CK_SESSION_HANDLE s, CK_SESSION_INFO_PTR info), (s, info))
SESSION_WRAP(Login, (CK_SESSION_HANDLE s, CK_USER_TYPE user, CK_UTF8CHAR_PTR pin, CK_ULONG pin_len),
             (s, user, pin, pin_len))
SESSION_WRAP(Logout, (CK_SESSION_HANDLE s), (s))
SESSION_WRAP(FindObjectsInit, (CK_SESSION_HANDLE s, CK_ATTRIBUTE_PTR tmpl, CK_ULONG n),
             (s, tmpl, n))
SESSION_WRAP(FindObjects,
             (CK_SESSION_HANDLE s, CK_OBJECT_HANDLE_PTR objs, CK_ULONG max, CK_ULONG_PTR n),
             (s, objs, max, n))
SESSION_WRAP(FindObjectsFinal, (CK_SESSION_HANDLE s), (s))
SESSION_WRAP(GetAttributeValue,
             (CK_SESSION_HANDLE s, CK_OBJECT_HANDLE obj, CK_ATTRIBUTE_PTR tmpl, CK_ULONG n),
             (s, obj, tmpl, n))
SESSION_WRAP(SignInit, (CK_SESSION_HANDLE s, CK_MECHANISM_PTR mech, CK_OBJECT_HANDLE key),
             (s, mech, key))
SESSION_WRAP(Sign,
             (CK_SESSION_HANDLE s, CK_BYTE_PTR data, CK_ULONG data_len, CK_BYTE_PTR sig,
              CK_ULONG_PTR sig_len),
             (s, data, data_len, sig, sig_len))
SESSION_WRAP(SignUpdate, (CK_SESSION_HANDLE s, CK_BYTE_PTR part, CK_ULONG part_len),
             (s, part, part_len))
SESSION_WRAP(SignFinal, (CK_SESSION_HANDLE s, CK_BYTE_PTR sig, CK_ULONG_PTR sig_len),
             (s, sig, sig_len))
SESSION_WRAP(GenerateKeyPair,
             (CK_SESSION_HANDLE s, CK_MECHANISM_PTR mech, CK_ATTRIBUTE_PTR pub_tmpl,
              CK_ULONG pub_n, CK_ATTRIBUTE_PTR priv_tmpl, CK_ULONG priv_n,
              CK_OBJECT_HANDLE_PTR pub, CK_OBJECT_HANDLE_PTR priv),
             (s, mech, pub_tmpl, pub_n, priv_tmpl, priv_n, pub, priv))
SESSION_WRAP(CreateObject,
             (CK_SESSION_HANDLE s, CK_ATTRIBUTE_PTR tmpl, CK_ULONG n, CK_OBJECT_HANDLE_PTR obj),
             (s, tmpl, n, obj))
SESSION_WRAP(DestroyObject, (CK_SESSION_HANDLE s, CK_OBJECT_HANDLE obj), (s, obj))
SESSION_WRAP(WrapKey,
             (CK_SESSION_HANDLE s, CK_MECHANISM_PTR mech, CK_OBJECT_HANDLE wrapping_key,
              CK_OBJECT_HANDLE key, CK_BYTE_PTR wrapped, CK_ULONG_PTR wrapped_len),
             (s, mech, wrapping_key, key, wrapped, wrapped_len))
SESSION_WRAP(UnwrapKey,
             (CK_SESSION_HANDLE s, CK_MECHANISM_PTR mech, CK_OBJECT_HANDLE unwrapping_key,
              CK_BYTE_PTR wrapped, CK_ULONG wrapped_len, CK_ATTRIBUTE_PTR tmpl, CK_ULONG n,
              CK_OBJECT_HANDLE_PTR key),
             (s, mech, unwrapping_key, wrapped, wrapped_len, tmpl, n, key))

// Loads the real module and builds our function list (once).
static void init_once(void) {
  const char* target = getenv("CHUNGTHU_FAULT_TARGET");
  if (target == NULL || target[0] == '\0') target = DEFAULT_TARGET;
  const char* fault_file = getenv("CHUNGTHU_FAULT_FILE");
  if (fault_file != NULL && fault_file[0] != '\0') {
    if (strlen(fault_file) >= sizeof g_fault_path) return;
    strcpy(g_fault_path, fault_file);
    g_fault_file = g_fault_path;
  }

  void* handle = dlopen(target, RTLD_NOW | RTLD_LOCAL);
  if (handle == NULL) return;
  // POSIX allows converting dlsym's result to a function pointer.
  CK_C_GetFunctionList get_list;
  *(void**)&get_list = dlsym(handle, "C_GetFunctionList");
  CK_FUNCTION_LIST_PTR real = NULL;
  if (get_list == NULL || get_list(&real) != CKR_OK || real == NULL) {
    dlclose(handle);
    return;
  }
  g_real = real;  // the handle stays open for the life of the process

  g_list = *real;
  // We hand out a 2.x list only, whatever the real module speaks.
  if (g_list.version.major > 2) {
    g_list.version.major = 2;
    g_list.version.minor = 40;
  }
  g_list.C_GetFunctionList = C_GetFunctionList;
  g_list.C_GetSlotList = fw_GetSlotList;
  g_list.C_GetSlotInfo = fw_GetSlotInfo;
  g_list.C_GetTokenInfo = fw_GetTokenInfo;
  g_list.C_OpenSession = fw_OpenSession;
  g_list.C_GetSessionInfo = fw_GetSessionInfo;
  g_list.C_Login = fw_Login;
  g_list.C_Logout = fw_Logout;
  g_list.C_FindObjectsInit = fw_FindObjectsInit;
  g_list.C_FindObjects = fw_FindObjects;
  g_list.C_FindObjectsFinal = fw_FindObjectsFinal;
  g_list.C_GetAttributeValue = fw_GetAttributeValue;
  g_list.C_SignInit = fw_SignInit;
  g_list.C_Sign = fw_Sign;
  g_list.C_SignUpdate = fw_SignUpdate;
  g_list.C_SignFinal = fw_SignFinal;
  g_list.C_GenerateKeyPair = fw_GenerateKeyPair;
  g_list.C_CreateObject = fw_CreateObject;
  g_list.C_DestroyObject = fw_DestroyObject;
  g_list.C_WrapKey = fw_WrapKey;
  g_list.C_UnwrapKey = fw_UnwrapKey;
  g_init_rv = CKR_OK;
}

__attribute__((visibility("default"))) CK_RV C_GetFunctionList(CK_FUNCTION_LIST_PTR_PTR list) {
  if (list == NULL) return CKR_ARGUMENTS_BAD;
  pthread_once(&g_once, init_once);
  if (g_init_rv != CKR_OK) return g_init_rv;
  *list = &g_list;
  return CKR_OK;
}
