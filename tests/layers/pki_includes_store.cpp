// Must compile: pki depends on store. tests/verify/layers.sh builds it beside the one above.
#include "store/database.h"
