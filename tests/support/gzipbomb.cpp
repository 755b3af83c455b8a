#include "gzipbomb.h"

#include <QHash>

#include <zlib.h>

namespace Console {

QByteArray gzipBomb(qint64 decodedBytes)
{
    static QHash<qint64, QByteArray> made;
    if (const auto found = made.constFind(decodedBytes); found != made.cend())
        return *found;

    z_stream stream {};
    // 15 + 16: a gzip header and trailer rather than a raw zlib stream.
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY)
        != Z_OK)
        qFatal("gzipBomb: deflateInit2 failed");
    QByteArray zeros(64 * 1024, '\0');
    QByteArray out;
    char buffer[16 * 1024];
    qint64 left = decodedBytes;
    int flush = Z_NO_FLUSH;
    do {
        const qint64 step = qMin<qint64>(left, zeros.size());
        left -= step;
        flush = left == 0 ? Z_FINISH : Z_NO_FLUSH;
        stream.next_in = reinterpret_cast<Bytef *>(zeros.data());
        stream.avail_in = static_cast<uInt>(step);
        do {
            stream.next_out = reinterpret_cast<Bytef *>(buffer);
            stream.avail_out = sizeof buffer;
            deflate(&stream, flush);
            out.append(buffer, static_cast<qsizetype>(sizeof buffer - stream.avail_out));
        } while (stream.avail_out == 0);
    } while (flush != Z_FINISH);
    deflateEnd(&stream);
    made.insert(decodedBytes, out);
    return out;
}

} // namespace Console
