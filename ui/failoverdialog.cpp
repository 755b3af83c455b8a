#include "failoverdialog.h"

#include "failovercontroller.h"
#include "gateboardview.h"
#include "journal.h"
#include "quantitytext.h"
#include "runtext.h"
#include "themecolours.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTimer>
#include <QVBoxLayout>

namespace Console {

namespace {
// Red that reads on the dialog's background, light or dark (the dialog is built when opened, so
// the palette is the current one).
void setWarningText(QLabel *label)
{
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText,
        ThemeColours::readableOn(
            QColor(0xb9, 0x1c, 0x1c), QApplication::palette().color(QPalette::Window)));
    label->setPalette(palette);
}

QString introText(RunKind kind)
{
    switch (kind) {
    case RunKind::Failover:
        return FailoverDialog::tr(
            "Promote a standby to primary. The old primary is fenced if it still answers, the "
            "other standbys and the traffic move to the new one, and a test write verifies it.");
    case RunKind::Failback:
        return FailoverDialog::tr(
            "Hand the primary role back. The current primary is fenced, the target replays its "
            "last change and is promoted, and the current primary becomes its standby.");
    case RunKind::Rejoin:
        return FailoverDialog::tr(
            "<b>Destructive.</b> Rebuild the old primary as a standby of the current one with its "
            "rejoin action: whatever it wrote after the split is discarded.");
    }
    return {};
}

} // namespace

FailoverDialog::FailoverDialog(
    FailoverController *controller, const ConfigOverview &config, RunKind kind, QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
    , m_config(config)
    , m_kind(kind)
    , m_target(new QComboBox(this))
    , m_board(new GateBoardView(this))
    , m_rto(new QLabel(this))
    , m_loss(new QLabel(this))
    , m_confirmLabel(new QLabel(this))
    , m_confirm(new QLineEdit(this))
    , m_hint(new QLabel(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this))
    , m_refresh(new QTimer(this))
{
    setObjectName(QStringLiteral("failoverDialog"));
    setWindowTitle(verb(kind));
    setModal(true);
    setMinimumWidth(820);

    auto *intro = new QLabel(introText(kind), this);
    intro->setWordWrap(true);
    if (kind == RunKind::Rejoin)
        setWarningText(intro);

    m_target->setObjectName(QStringLiteral("targetCombo"));
    m_rto->setObjectName(QStringLiteral("rtoLabel"));
    m_rto->setWordWrap(true);
    m_loss->setObjectName(QStringLiteral("lossLabel"));
    m_loss->setWordWrap(true);
    auto *facts = new QFormLayout;
    facts->addRow(kind == RunKind::Rejoin ? tr("Region to rebuild:") : tr("Target:"), m_target);
    facts->addRow(tr("Predicted RTO:"), m_rto);
    facts->addRow(tr("Expected data loss:"), m_loss);

    auto *gates = new QGroupBox(tr("Go / no-go"), this);
    auto *gatesLayout = new QVBoxLayout(gates);
    gatesLayout->addWidget(m_board);

    m_confirm->setObjectName(QStringLiteral("confirmEdit"));
    m_confirmLabel->setWordWrap(true);
    m_hint->setObjectName(QStringLiteral("hintLabel"));
    m_hint->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("errorLabel"));
    m_error->setWordWrap(true);
    setWarningText(m_error);
    QFont bold = m_error->font();
    bold.setBold(true);
    m_error->setFont(bold);
    m_error->hide();

    m_run = m_buttons->button(QDialogButtonBox::Ok);
    m_run->setText(verb(kind));
    m_run->setObjectName(QStringLiteral("runButton"));
    // Enter in the confirmation field must not be the thing that moves a database by accident:
    // the button is explicit and off until the id matches.
    m_buttons->button(QDialogButtonBox::Cancel)->setDefault(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(facts);
    layout->addWidget(gates);
    layout->addWidget(m_confirmLabel);
    layout->addWidget(m_confirm);
    layout->addWidget(m_hint);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &FailoverDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &FailoverDialog::reject);
    connect(m_confirm, &QLineEdit::textChanged, this, &FailoverDialog::updateRunButton);
    connect(m_board, &GateBoardView::overridesChanged, this, &FailoverDialog::updateRunButton);
    connect(m_target, &QComboBox::currentIndexChanged, this, &FailoverDialog::onTargetChanged);
    m_refresh->setSingleShot(true);
    m_refresh->setInterval(250);
    connect(m_refresh, &QTimer::timeout, this, &FailoverDialog::refreshBoard);
    connect(m_controller, &FailoverController::gatesMayHaveChanged, m_refresh, [this] {
        if (!m_refresh->isActive())
            m_refresh->start();
    });
    connect(m_controller, &FailoverController::runStarted, this, &FailoverDialog::updateRunButton);
    connect(m_controller, &FailoverController::runFinished, this, &FailoverDialog::updateRunButton);

    fillTargets();
    onTargetChanged();
}

FailoverDialog::~FailoverDialog() = default;

QString FailoverDialog::verb(RunKind kind)
{
    switch (kind) {
    case RunKind::Failover: return tr("Fail over");
    case RunKind::Failback: return tr("Fail back");
    case RunKind::Rejoin: return tr("Rejoin");
    }
    return {};
}

void FailoverDialog::fillTargets()
{
    const QString preferred = m_controller->defaultTarget(m_kind);
    // The primary (the region a run would move away from) is never a target.
    const QString from = m_controller->board(m_kind, preferred).fromRegion;
    for (const RegionOverview &region : std::as_const(m_config.regions)) {
        const bool able
            = m_kind == RunKind::Rejoin ? region.admin.canRejoin() : region.admin.canPromote();
        if (region.id == from || (!able && region.id != preferred))
            continue;
        QString label
            = tr("%1 (%2)").arg(region.name.isEmpty() ? region.id : region.name, region.id);
        // The default target is offered even when it cannot be acted on, so its board can say why.
        if (!able)
            label = m_kind == RunKind::Rejoin ? tr("%1 — no rejoin action").arg(label)
                                              : tr("%1 — cannot be promoted").arg(label);
        m_target->addItem(label, region.id);
    }
    const int index = m_target->findData(preferred);
    if (index >= 0)
        m_target->setCurrentIndex(index);
}

QString FailoverDialog::targetRegion() const
{
    return m_target->currentData().toString();
}

void FailoverDialog::setTargetRegion(const QString &regionId)
{
    const int index = m_target->findData(regionId);
    if (index >= 0)
        m_target->setCurrentIndex(index);
}

void FailoverDialog::onTargetChanged()
{
    // Overrides were reasons about one target; another target is another decision.
    m_board->clearOverrides();
    m_error->hide();
    const QString target = targetRegion();
    m_confirmLabel->setText(target.isEmpty()
            ? tr("No region can be the target of this run.")
            : tr("Type <b>%1</b> to confirm:").arg(target.toHtmlEscaped()));
    m_confirm->setEnabled(!target.isEmpty());
    refreshBoard();
}

void FailoverDialog::refreshBoard()
{
    const QString target = targetRegion();
    if (!target.isEmpty())
        m_board->setBoard(m_controller->board(m_kind, target));
    else
        m_board->setBoard({});
    if (m_kind == RunKind::Rejoin) {
        m_rto->setText(tr("None: the primary keeps taking writes during a rejoin."));
    } else {
        m_rto->setText(tr("About %1 from a crash of the primary to the first commit elsewhere "
                          "(detection, confirmation probes, promotion and a first write).")
                           .arg(QuantityText::duration(m_controller->predictedRto())));
    }
    m_loss->setText(lossText());
    updateRunButton();
}

QString FailoverDialog::lossText() const
{
    const QString target = targetRegion();
    const QString name = m_config.regionName(target);
    if (m_kind == RunKind::Rejoin)
        return tr("Whatever %1 wrote after the split is discarded.").arg(name);
    if (const Gate *lag = m_board->board().gate(GateKind::TargetLag))
        return lag->reason;
    if (m_kind == RunKind::Failback)
        return tr("None expected: %1 replays the fenced primary's last change before it is "
                  "promoted.")
            .arg(name);
    return tr("Unknown.");
}

QString FailoverDialog::hint() const
{
    return m_hint->text();
}

QString FailoverDialog::error() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString FailoverDialog::expectedLoss() const
{
    return m_loss->text();
}

QString FailoverDialog::predictedRto() const
{
    return m_rto->text();
}

void FailoverDialog::updateRunButton()
{
    const QString target = targetRegion();
    QStringList waiting;
    for (GateKind kind : m_board->blocking()) {
        waiting.append(m_board->overrideBox(kind)->isChecked()
                ? tr("type a reason for overriding \"%1\"").arg(gateLabel(kind))
                : tr("\"%1\" fails").arg(gateLabel(kind)));
    }
    QString why;
    if (m_controller->isRunning())
        why = tr("A run is going: wait for it to finish.");
    else if (target.isEmpty())
        why = tr("There is no target to choose.");
    else if (!waiting.isEmpty())
        why = tr("Not yet: %1.").arg(waiting.join(tr("; ")));
    else if (m_confirm->text() != target)
        why = tr("Type the region id %1 exactly to confirm.").arg(target);
    m_run->setEnabled(why.isEmpty());
    m_hint->setText(why.isEmpty()
            ? tr("Ready: %1 starts when you press %2.")
                  .arg(RunText::title(m_kind, m_config.regionName(target)), verb(m_kind))
            : why);
}

void FailoverDialog::accept()
{
    if (!m_run->isEnabled())
        return;
    QString error;
    if (!m_controller->request(
            m_kind, targetRegion(), m_board->overrides(), Journal::osUser(), &error)) {
        m_error->setText(tr("\u2716 Not started: %1").arg(error));
        m_error->show();
        refreshBoard();
        return;
    }
    QDialog::accept();
}

} // namespace Console
