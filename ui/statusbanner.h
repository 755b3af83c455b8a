#pragma once

#include "incidentstory.h"

#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QTimer;

namespace Console {

class SelfCheck;
class TopologyState;

// The incident banner at the top of the window: the situation in words, worst first, each state
// with how long it has lasted (IncidentStory), and how many regions are healthy, degraded or down.
// Its colour follows its headline. Reads the region rows of the status model and the topology, and
// ticks once a second so that durations count.
class StatusBanner final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusBanner)
public:
    // Neither is owned; `topology` may be null (then the configured primary is shown as such).
    StatusBanner(
        QAbstractItemModel *statusModel, const TopologyState *topology, QWidget *parent = nullptr);

    // Every line of the story, headline first, then the counts.
    QString text() const;
    QString headline() const;
    // The headline's tone: the worst current state, as the banner's colour shows it.
    Health tone() const { return m_tone; }
    // Shows the console's doubt about itself on a line of its own (not owned; may be null).
    void setSelfCheck(const SelfCheck *selfCheck);

signals:
    void toneChanged(Console::Health tone, const QString &headline);

private:
    void refresh();
    StoryInput storyInput() const;

    QAbstractItemModel *m_model; // not owned
    const TopologyState *m_topology; // not owned
    QLabel *m_headline; // owned by this widget's layout
    QLabel *m_details;
    QLabel *m_summary;
    QTimer *m_tick;
    Health m_tone = Health::Unknown;
    QString m_lastHeadline;
    const SelfCheck *m_selfCheck = nullptr; // not owned
};

} // namespace Console
