#pragma once

#include <QtGlobal>

#include <vector>

namespace Console {

// The coarse tier of a chart series: each completed minute summarised as one aggregate, kept for
// a day in a ring, so a 24 h chart reads 1,440 aggregates however often samples arrive. Memory:
// sizeof(Minute) (28 bytes) per minute kept, 40,320 bytes for a day, plus the open minute's
// samples for its percentiles (at most percentileSampleLimit floats, 240 bytes at 1 Hz).
class MinuteRollup final
{
public:
    static constexpr qint64 minuteMs = 60 * 1000;
    static constexpr int minutesPerDay = 24 * 60;
    // The open minute's samples kept for its p50/p95: ten a second. Faster series get their
    // percentiles from the first ones; count, min, max and mean still take every sample.
    static constexpr int percentileSampleLimit = 600;

    struct Minute
    {
        qint32 minute = 0; // minutes since the epoch
        qint32 count = 0; // samples summarised, >= 1
        float min = 0;
        float max = 0;
        float mean = 0;
        float p50 = 0; // nearest-rank percentiles of the minute's samples
        float p95 = 0;

        qint64 startMs() const { return qint64(minute) * minuteMs; }
    };

    explicit MinuteRollup(int capacity = minutesPerDay); // at least 1

    // Samples in time order: the first sample of a later minute closes the open one. A late
    // sample of an earlier minute counts in the open one.
    void add(qint64 tMs, double value);
    void clear();

    int size() const { return int(m_minutes.size()); }
    int capacity() const { return m_capacity; }
    bool isEmpty() const { return m_minutes.empty(); }
    // Minutes completed since construction or clear(), and a number no other rollup and no earlier
    // state of this one shares (as TimeSeries::serial()).
    quint64 closedCount() const { return m_closed; }
    quint64 serial() const { return m_serial; }
    Minute at(int i) const; // 0 is the oldest completed minute; i must be in [0, size())
    // Index of the first completed minute starting at or after sinceMs (size() if none).
    int firstAtOrAfter(qint64 sinceMs) const;

    static qint32 minuteOf(qint64 tMs);

private:
    void close();

    int m_capacity;
    std::vector<Minute> m_minutes; // grows to m_capacity, then a ring
    int m_head = 0; // physical index of the oldest minute once full
    quint64 m_closed = 0;
    quint64 m_serial = 0;

    bool m_open = false;
    qint32 m_openMinute = 0;
    qint32 m_count = 0;
    double m_sum = 0;
    double m_min = 0;
    double m_max = 0;
    std::vector<float> m_values; // the open minute's first samples, for its percentiles
};

} // namespace Console
