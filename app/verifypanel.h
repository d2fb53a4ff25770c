#pragma once

#include "core/provider.h"
#include "settings/answers.h"

#include <QWidget>

#include <functional>

class QLabel;
class QProgressBar;
class QPushButton;

namespace forgelink {

class CheckJob;

// "Verify" for one provider: runs the check as a job with a busy indicator and a Cancel button,
// and shows what was found, what is wrong and how to fix it.
class VerifyPanel : public QWidget {
    Q_OBJECT

public:
    VerifyPanel(Provider provider, std::function<Answers()> answers, QWidget *parent = nullptr);

    bool isRunning() const;
    QString resultText() const;
    // The link of the provider's next step (GitHub: installing the App), once a check passed.
    QString nextStepUrl() const { return m_nextStepUrl; }

Q_SIGNALS:
    void runningChanged(bool running);
    void verified(bool passed);

private:
    void start();
    void showOutcome();
    void announce();

    Provider m_provider;
    std::function<Answers()> m_answers;
    QPushButton *m_verify;
    QPushButton *m_cancel;
    QProgressBar *m_busy;
    QLabel *m_result;
    CheckJob *m_job = nullptr;
    QString m_nextStepUrl;
};

} // namespace forgelink
