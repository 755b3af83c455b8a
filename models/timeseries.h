#pragma once

#include <QList>
#include <QPointF>
#include <QtGlobal>

#include <limits>
#include <optional>
#include <vector>

namespace Console {

// A fixed-capacity ring buffer of timed samples: the newest sample overwrites the oldest once
// the series is full, so memory is decided at construction and never grows with run time.
// Samples are expected in time order (probe results are); queries scan oldest to newest.
class TimeSeries final
{
public:
    struct Sample
    {
        qint64 tMs = 0; // milliseconds since the epoch
        double value = 0;
    };
    struct Range
    {
        double min = 0;
        double max = 0;
    };

    static constexpr qint64 beginningOfTime = std::numeric_limits<qint64>::min();
    static constexpr qint64 endOfTime = std::numeric_limits<qint64>::max();

    explicit TimeSeries(int capacity); // at least 1

    void append(qint64 tMs, double value);
    void append(const Sample &sample) { append(sample.tMs, sample.value); }
    void clear();

    int size() const { return m_size; }
    int capacity() const { return int(m_samples.size()); }
    bool isEmpty() const { return m_size == 0; }

    // Samples appended since construction or clear(), and a number no other series and no
    // earlier state of this one shares: together they tell a cache what arrived since it looked.
    quint64 appendedCount() const { return m_appended; }
    quint64 serial() const { return m_serial; }

    Sample at(int i) const; // 0 is the oldest; i must be in [0, size())
    Sample latest() const; // the series must not be empty

    // Samples with tMs >= sinceMs, oldest first, as (tMs, value) points for a chart.
    QList<QPointF> points(qint64 sinceMs = beginningOfTime) const;
    // Smallest and largest value among samples with sinceMs <= tMs <= untilMs; none if empty.
    std::optional<Range> valueRange(
        qint64 sinceMs = beginningOfTime, qint64 untilMs = endOfTime) const;

private:
    int physical(int i) const;

    std::vector<Sample> m_samples; // allocated once, at capacity
    int m_head = 0; // physical index of the oldest sample
    int m_size = 0;
    quint64 m_appended = 0;
    quint64 m_serial = 0;
};

} // namespace Console
