#include "gateboardview.h"

#include "healthpalette.h"

#include <QCheckBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QStyle>

namespace Console {

namespace {

enum GridColumn { IconColumn, VerdictColumn, NameColumn, ReasonColumn, OverrideColumn, WhyColumn };

QString pillStyle(Health health)
{
    const HealthStyle style = healthStyle(health);
    return QStringLiteral(
        "QLabel { background: %1; color: %2; border-radius: 8px; padding: 1px 8px; "
        "font-weight: bold; }")
        .arg(style.fill.name(), style.text.name());
}

} // namespace

GateBoardView::GateBoardView(QWidget *parent)
    : QWidget(parent)
    , m_grid(new QGridLayout(this))
{
    setObjectName(QStringLiteral("gateBoard"));
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setHorizontalSpacing(8);
    m_grid->setColumnStretch(ReasonColumn, 1);
}

GateBoardView::~GateBoardView() = default;

GateBoardView::Row &GateBoardView::row(GateKind kind)
{
    auto found = m_rows.find(kind);
    if (found != m_rows.end())
        return *found;
    Row row;
    const QString id = toString(kind);
    row.icon = new QLabel(this);
    row.verdict = new QLabel(this);
    row.verdict->setAlignment(Qt::AlignCenter);
    row.name = new QLabel(gateLabel(kind), this);
    row.reason = new QLabel(this);
    row.reason->setObjectName(QStringLiteral("reason-") + id);
    row.reason->setWordWrap(true);
    row.reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    row.override = new QCheckBox(tr("Override"), this);
    row.override->setObjectName(QStringLiteral("override-") + id);
    row.override->setToolTip(tr("Run despite this gate; the reason you type is journalled."));
    row.overrideReason = new QLineEdit(this);
    row.overrideReason->setObjectName(QStringLiteral("overrideReason-") + id);
    row.overrideReason->setPlaceholderText(tr("Why it is safe anyway"));
    row.overrideReason->setEnabled(false);
    row.overrideReason->setMinimumWidth(180);
    connect(row.override, &QCheckBox::toggled, this, [this, kind](bool checked) {
        QLineEdit *edit = m_rows.value(kind).overrideReason;
        edit->setEnabled(checked);
        if (checked)
            edit->setFocus();
        refreshRows();
    });
    connect(row.overrideReason, &QLineEdit::textChanged, this, &GateBoardView::refreshRows);
    const int line = int(m_rows.size());
    m_grid->addWidget(row.icon, line, IconColumn);
    m_grid->addWidget(row.verdict, line, VerdictColumn);
    m_grid->addWidget(row.name, line, NameColumn);
    m_grid->addWidget(row.reason, line, ReasonColumn);
    m_grid->addWidget(row.override, line, OverrideColumn);
    m_grid->addWidget(row.overrideReason, line, WhyColumn);
    return *m_rows.insert(kind, row);
}

void GateBoardView::showRow(Row &row, const Gate *gate)
{
    // Visibility is set, never toggled off and on: that would take the focus from a reason
    // being typed.
    const bool shown = gate != nullptr;
    row.icon->setVisible(shown);
    row.verdict->setVisible(shown);
    row.name->setVisible(shown);
    row.reason->setVisible(shown);
    row.override->setVisible(shown && !gate->passed);
    row.overrideReason->setVisible(shown && !gate->passed);
    if (!gate)
        return;
    QStyle::StandardPixmap pixmap = QStyle::SP_DialogApplyButton;
    Health health = Health::Healthy;
    QString verdict = tr("Pass");
    if (!gate->passed) {
        const bool overridden
            = row.override->isChecked() && !row.overrideReason->text().trimmed().isEmpty();
        pixmap = overridden ? QStyle::SP_MessageBoxWarning : QStyle::SP_MessageBoxCritical;
        health = overridden ? Health::Degraded : Health::Unhealthy;
        verdict = overridden ? tr("Overridden") : tr("Fail");
    }
    const int size = fontMetrics().height();
    row.icon->setPixmap(style()->standardIcon(pixmap).pixmap(size, size));
    row.verdict->setText(verdict);
    row.verdict->setStyleSheet(pillStyle(health));
    row.reason->setText(gate->reason);
}

void GateBoardView::setBoard(const GateBoard &board)
{
    m_board = board;
    for (const Gate &gate : std::as_const(m_board.gates))
        row(gate.kind);
    refreshRows();
}

void GateBoardView::refreshRows()
{
    for (auto it = m_rows.begin(); it != m_rows.end(); ++it)
        showRow(*it, m_board.gate(it.key()));
    emit overridesChanged();
}

QMap<GateKind, QString> GateBoardView::overrides() const
{
    QMap<GateKind, QString> result;
    for (const Gate &gate : m_board.gates) {
        if (gate.passed)
            continue;
        const Row row = m_rows.value(gate.kind);
        const QString reason = row.overrideReason->text().trimmed();
        if (row.override->isChecked() && !reason.isEmpty())
            result.insert(gate.kind, reason);
    }
    return result;
}

QList<GateKind> GateBoardView::blocking() const
{
    const QMap<GateKind, QString> given = overrides();
    QList<GateKind> closed;
    for (const Gate &gate : m_board.gates) {
        if (!gate.passed && !given.contains(gate.kind))
            closed.append(gate.kind);
    }
    return closed;
}

void GateBoardView::clearOverrides()
{
    for (Row &row : m_rows) {
        row.override->setChecked(false);
        row.overrideReason->clear();
    }
}

QLabel *GateBoardView::reasonLabel(GateKind kind) const
{
    return m_rows.value(kind).reason;
}

QCheckBox *GateBoardView::overrideBox(GateKind kind) const
{
    return m_rows.value(kind).override;
}

QLineEdit *GateBoardView::overrideReason(GateKind kind) const
{
    return m_rows.value(kind).overrideReason;
}

} // namespace Console
