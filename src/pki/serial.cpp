#include "pki/serial.h"

namespace ct::pki {

Bytes generate_serial(Rng& rng) {
  Bytes serial(16);
  do {
    rng.fill(serial);
  } while (serial[0] == 0);
  return serial;
}

}  // namespace ct::pki
