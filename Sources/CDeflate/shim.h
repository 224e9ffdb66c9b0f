// libdeflate (Debian: libdeflate-dev): whole-buffer DEFLATE decompression and CRC-32, two to
// three times as fast as zlib's streaming inflate. Mizan uses it for the one large part of a
// workbook, the worksheet, whose inflated size the archive declares.
#include <libdeflate.h>
