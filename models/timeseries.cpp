#include "timeseries.h"

#include <algorithm>
#include <atomic>

namespace Console {

namespace {

quint64 nextSerial()
{
    static std::atomic<quint64> serial { 0 };
    return ++serial;
}

} // namespace

TimeSeries::TimeSeries(int capacity)
    : m_samples(std::size_t(std::max(1, capacity)))
    , m_serial(nextSerial())
{ }

int TimeSeries::physical(int i) const
{
    return (m_head + i) % capacity();
}

void TimeSeries::append(qint64 tMs, double value)
{
    ++m_appended;
    if (m_size < capacity()) {
        m_samples[std::size_t(physical(m_size))] = { tMs, value };
        ++m_size;
        return;
    }
    m_samples[std::size_t(m_head)] = { tMs, value };
    m_head = (m_head + 1) % capacity();
}

void TimeSeries::clear()
{
    m_head = 0;
    m_size = 0;
    m_appended = 0;
    m_serial = nextSerial();
}

TimeSeries::Sample TimeSeries::at(int i) const
{
    Q_ASSERT(i >= 0 && i < m_size);
    return m_samples[std::size_t(physical(i))];
}

TimeSeries::Sample TimeSeries::latest() const
{
    Q_ASSERT(m_size > 0);
    return at(m_size - 1);
}

QList<QPointF> TimeSeries::points(qint64 sinceMs) const
{
    QList<QPointF> result;
    result.reserve(m_size);
    for (int i = 0; i < m_size; ++i) {
        const Sample &s = m_samples[std::size_t(physical(i))];
        if (s.tMs >= sinceMs)
            result.append(QPointF(double(s.tMs), s.value));
    }
    return result;
}

std::optional<TimeSeries::Range> TimeSeries::valueRange(qint64 sinceMs, qint64 untilMs) const
{
    std::optional<Range> range;
    for (int i = 0; i < m_size; ++i) {
        const Sample &s = m_samples[std::size_t(physical(i))];
        if (s.tMs < sinceMs || s.tMs > untilMs)
            continue;
        if (!range)
            range = Range { s.value, s.value };
        range->min = std::min(range->min, s.value);
        range->max = std::max(range->max, s.value);
    }
    return range;
}

} // namespace Console
