#pragma once

#include "answerspage.h"

class QLabel;

namespace forgelink {

class CheckedLineEdit;

// The host name Pipekit is reached at, every URL that derives from it, and where the agent
// forwards the deliveries it records (Pipekit's events handler).
class HostPage : public AnswersPage {
    Q_OBJECT

public:
    explicit HostPage(QWidget *parent = nullptr);

    bool isComplete() const override;
    void readAnswers(const Answers &answers) override;
    void writeAnswers(Answers &answers) const override;

private:
    void showUrls();

    CheckedLineEdit *m_host;
    QLabel *m_urls;
    CheckedLineEdit *m_eventsHandler;
};

} // namespace forgelink
