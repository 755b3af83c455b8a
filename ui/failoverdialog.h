#pragma once

#include "configoverview.h"
#include "failovertypes.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTimer;

namespace Console {

class FailoverController;
class GateBoardView;

// Asks the operator to confirm one failover, failback or rejoin: the target, its go/no-go board
// (failed gates may be overridden with a typed reason), the predicted RTO and the expected data
// loss. The run button stays off until the target's region id is typed exactly, so a reflex
// Enter never moves a database. On accept it asks the controller; a refusal stays in the dialog.
class FailoverDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailoverDialog)
public:
    // `controller` is not owned and must outlive the dialog.
    FailoverDialog(FailoverController *controller, const ConfigOverview &config, RunKind kind,
        QWidget *parent = nullptr);
    ~FailoverDialog() override;

    RunKind kind() const { return m_kind; }
    QString targetRegion() const;
    void setTargetRegion(const QString &regionId);
    GateBoardView *boardView() const { return m_board; }
    QLineEdit *confirmEdit() const { return m_confirm; }
    QPushButton *runButton() const { return m_run; }
    // Why the run button is off, or what it will do.
    QString hint() const;
    QString error() const;
    QString expectedLoss() const;
    QString predictedRto() const;

    // "Fail over", "Fail back", "Rejoin"
    static QString verb(RunKind kind);

public slots:
    void accept() override;

private:
    void fillTargets();
    void onTargetChanged();
    void refreshBoard();
    void updateRunButton();
    QString lossText() const;

    FailoverController *m_controller; // not owned
    ConfigOverview m_config;
    RunKind m_kind;
    QComboBox *m_target; // the widgets below are owned by the dialog
    GateBoardView *m_board;
    QLabel *m_rto;
    QLabel *m_loss;
    QLabel *m_confirmLabel;
    QLineEdit *m_confirm;
    QLabel *m_hint;
    QLabel *m_error;
    QDialogButtonBox *m_buttons;
    QPushButton *m_run;
    QTimer *m_refresh; // coalesces the controller's gatesMayHaveChanged bursts
};

} // namespace Console
