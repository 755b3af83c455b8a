#include "landoutline.h"

#include <QCoreApplication>
#include <QFile>
#include <QtEndian>

namespace Console {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Console::LandOutline", text);
}

// The format's own limits, checked before anything is allocated: the committed file holds
// about 1,400 rings and 50,000 points.
constexpr quint32 MaxRings = 100000;
constexpr quint32 MaxPoints = 4000000;
constexpr int HeaderSize = 16;

class Reader
{
public:
    explicit Reader(const QByteArray &data)
        : m_data(data)
    { }
    bool has(qsizetype bytes) const { return m_data.size() - m_at >= bytes; }
    quint16 u16() { return qFromLittleEndian<quint16>(take(2)); }
    quint32 u32() { return qFromLittleEndian<quint32>(take(4)); }
    qint16 i16() { return qFromLittleEndian<qint16>(take(2)); }

private:
    const char *take(qsizetype bytes)
    {
        const char *at = m_data.constData() + m_at;
        m_at += bytes;
        return at;
    }
    const QByteArray &m_data;
    qsizetype m_at = 0;
};

LandOutline failed(const QString &error)
{
    LandOutline outline;
    outline.error = error;
    return outline;
}

} // namespace

QString LandOutline::defaultPath()
{
    return QStringLiteral(":/map/land.bin");
}

LandOutline LandOutline::read(const QByteArray &data)
{
    if (data.size() < HeaderSize || !data.startsWith("FCLM"))
        return failed(tr("not a land map file"));
    Reader in(data);
    in.u32(); // magic
    const quint16 version = in.u16();
    in.u16(); // flags, none defined
    if (version != 1)
        return failed(tr("land map version %1 is not supported").arg(version));
    const quint32 ringCount = in.u32();
    const quint32 pointCount = in.u32();
    if (ringCount > MaxRings || pointCount > MaxPoints
        || qint64(data.size()) != HeaderSize + qint64(ringCount) * 4 + qint64(pointCount) * 4)
        return failed(tr("the land map file is truncated or damaged"));

    LandOutline outline;
    outline.rings.reserve(ringCount);
    quint32 read = 0;
    for (quint32 r = 0; r < ringCount; ++r) {
        const quint32 n = in.u32();
        if (n > pointCount - read || !in.has(qsizetype(n) * 4))
            return failed(tr("the land map file is truncated or damaged"));
        QList<QPointF> ring;
        ring.reserve(n);
        for (quint32 i = 0; i < n; ++i) {
            const double x = in.i16() * 180.0 / 32767.0;
            const double y = in.i16() * 90.0 / 32767.0;
            ring.append(QPointF(x, y));
        }
        read += n;
        outline.rings.append(std::move(ring));
    }
    outline.pointCount = int(read);
    return outline;
}

LandOutline LandOutline::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failed(tr("cannot read the land map %1: %2").arg(path, file.errorString()));
    return read(file.readAll());
}

} // namespace Console
