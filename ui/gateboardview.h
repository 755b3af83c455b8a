#pragma once

#include "failovertypes.h"

#include <QMap>
#include <QWidget>

class QCheckBox;
class QGridLayout;
class QLabel;
class QLineEdit;

namespace Console {

// The go/no-go board of one prospective run: each gate with its verdict (an icon, a word and a
// colour), its reason, and for a failed gate an Override box with the typed reason that an
// override needs. Rows are kept per gate across refreshes, so a board re-evaluated while the
// operator types never takes their text or focus away.
class GateBoardView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GateBoardView)
public:
    explicit GateBoardView(QWidget *parent = nullptr);
    ~GateBoardView() override;

    void setBoard(const GateBoard &board);
    const GateBoard &board() const { return m_board; }
    // The failed gates the operator overrode with a reason, as request() takes them.
    QMap<GateKind, QString> overrides() const;
    // Failed gates still closed: not overridden, or overridden without a reason.
    QList<GateKind> blocking() const;
    // Forgets every override (a new target is a new decision).
    void clearOverrides();

    QLabel *reasonLabel(GateKind kind) const;
    QCheckBox *overrideBox(GateKind kind) const;
    QLineEdit *overrideReason(GateKind kind) const;

signals:
    void overridesChanged();

private:
    struct Row
    {
        QLabel *icon = nullptr; // the widgets are owned by this view
        QLabel *verdict = nullptr;
        QLabel *name = nullptr;
        QLabel *reason = nullptr;
        QCheckBox *override = nullptr;
        QLineEdit *overrideReason = nullptr;
    };

    Row &row(GateKind kind);
    // `gate` null: the board has no such gate now, the row is hidden.
    void showRow(Row &row, const Gate *gate);
    void refreshRows();

    QGridLayout *m_grid; // owned by this view
    GateBoard m_board;
    QMap<GateKind, Row> m_rows;
};

} // namespace Console
