#include "minuterollup.h"

#include <algorithm>
#include <atomic>
#include <cmath>

namespace Console {

namespace {

quint64 nextSerial()
{
    static std::atomic<quint64> serial { 0 };
    return ++serial;
}

float nearestRank(std::vector<float> &values, double quantile)
{
    const auto rank = std::size_t(std::ceil(quantile * double(values.size())));
    const std::size_t index = std::clamp<std::size_t>(rank, 1, values.size()) - 1;
    std::nth_element(values.begin(), values.begin() + std::ptrdiff_t(index), values.end());
    return values[index];
}

} // namespace

MinuteRollup::MinuteRollup(int capacity)
    : m_capacity(std::max(1, capacity))
    , m_serial(nextSerial())
{ }

qint32 MinuteRollup::minuteOf(qint64 tMs)
{
    // Floor division: a minute starts at a multiple of minuteMs, also before 1970.
    qint64 minute = tMs / minuteMs;
    if (tMs % minuteMs < 0)
        --minute;
    return qint32(minute);
}

void MinuteRollup::add(qint64 tMs, double value)
{
    const qint32 minute = minuteOf(tMs);
    if (m_open && minute > m_openMinute)
        close();
    if (!m_open) {
        m_open = true;
        m_openMinute = minute;
        m_count = 0;
        m_sum = 0;
        m_min = value;
        m_max = value;
        m_values.clear();
    }
    ++m_count;
    m_sum += value;
    m_min = std::min(m_min, value);
    m_max = std::max(m_max, value);
    if (m_values.size() < std::size_t(percentileSampleLimit))
        m_values.push_back(float(value));
}

void MinuteRollup::close()
{
    Minute done;
    done.minute = m_openMinute;
    done.count = m_count;
    done.min = float(m_min);
    done.max = float(m_max);
    done.mean = float(m_sum / double(m_count));
    done.p95 = nearestRank(m_values, 0.95);
    done.p50 = nearestRank(m_values, 0.50);
    m_open = false;
    ++m_closed;
    if (int(m_minutes.size()) < m_capacity) {
        m_minutes.push_back(done);
        return;
    }
    m_minutes[std::size_t(m_head)] = done;
    m_head = (m_head + 1) % m_capacity;
}

void MinuteRollup::clear()
{
    m_minutes.clear();
    m_head = 0;
    m_open = false;
    m_values.clear();
    m_closed = 0;
    m_serial = nextSerial();
}

MinuteRollup::Minute MinuteRollup::at(int i) const
{
    Q_ASSERT(i >= 0 && i < size());
    return m_minutes[std::size_t((m_head + i) % size())];
}

int MinuteRollup::firstAtOrAfter(qint64 sinceMs) const
{
    int low = 0;
    int high = size();
    while (low < high) {
        const int mid = low + (high - low) / 2;
        if (at(mid).startMs() < sinceMs)
            low = mid + 1;
        else
            high = mid;
    }
    return low;
}

} // namespace Console
