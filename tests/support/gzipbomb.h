#pragma once

#include <QByteArray>

namespace Console {

// A gzip member (RFC 1952) that decodes to `decodedBytes` zero bytes: about a thousandth of
// that on the wire, so a body far under any size cap expands far past it. Made once per size
// and kept, so a server answers many requests without compressing again.
QByteArray gzipBomb(qint64 decodedBytes);

} // namespace Console
