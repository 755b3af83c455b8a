#include "landoutline.h"

#include <QCoreApplication>
#include <QFile>
#include <QtEndian>

#include <algorithm>

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

// One side of a vertical line, Sutherland–Hodgman: keeps the ring's part where keep(x) holds,
// closed along the line.
template <typename Keep> QList<QPointF> clipAt(const QList<QPointF> &ring, double lineX, Keep keep)
{
    QList<QPointF> out;
    out.reserve(ring.size() + 4);
    for (qsizetype i = 0; i < ring.size(); ++i) {
        const QPointF &from = ring.at(i == 0 ? ring.size() - 1 : i - 1);
        const QPointF &to = ring.at(i);
        const bool fromIn = keep(from.x());
        const bool toIn = keep(to.x());
        if (fromIn != toIn) {
            const double t = (lineX - from.x()) / (to.x() - from.x());
            out.append(QPointF(lineX, from.y() + t * (to.y() - from.y())));
        }
        if (toIn)
            out.append(to);
    }
    return out;
}

// Natural Earth's land, merged from countries, joins Chukotka and Wrangel Island across the
// antimeridian: such a ring jumps from +180 to -180 and back, and drawn as it is paints a band
// across the whole map at 70° N. Unwrapped into continuous longitudes, it is cut at ±180 into the
// part on each side. A ring around a pole (Antarctica) does not come back to its start
// longitude once unwrapped; it is drawn as it is, along the map's edge.
void appendSplitAtAntimeridian(QList<QList<QPointF>> &rings, QList<QPointF> ring)
{
    QList<QPointF> unwrapped = ring;
    double offset = 0;
    for (qsizetype i = 1; i < ring.size(); ++i) {
        const double step = ring.at(i).x() + offset - unwrapped.at(i - 1).x();
        if (step > 180)
            offset -= 360;
        else if (step < -180)
            offset += 360;
        unwrapped[i].rx() += offset;
    }
    const auto [west, east] = std::minmax_element(unwrapped.cbegin(), unwrapped.cend(),
        [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
    const bool crosses = !unwrapped.isEmpty() && (west->x() < -180 || east->x() > 180);
    if (!crosses || offset != 0) {
        rings.append(std::move(ring));
        return;
    }
    QList<QPointF> parts[] = {
        clipAt(clipAt(unwrapped, -180, [](double x) { return x >= -180; }), 180,
            [](double x) { return x <= 180; }),
        clipAt(unwrapped, 180, [](double x) { return x >= 180; }),
        clipAt(unwrapped, -180, [](double x) { return x <= -180; }),
    };
    for (QPointF &point : parts[1])
        point.rx() -= 360;
    for (QPointF &point : parts[2])
        point.rx() += 360;
    for (QList<QPointF> &part : parts) {
        if (part.size() >= 3)
            rings.append(std::move(part));
    }
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
        appendSplitAtAntimeridian(outline.rings, std::move(ring));
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
