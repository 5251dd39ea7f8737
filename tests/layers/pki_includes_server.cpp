// Must not compile: pki is below server (README, Architecture). tests/verify/layers.sh builds it.
#include "server/routes.h"
