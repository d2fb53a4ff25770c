#pragma once

#include "config/answers.h"

#include <QWizardPage>

#include <functional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace forgelink {

class CopyableValue;

// Chooses the folder, writes values.yaml and agent.yaml (0600), and shows the helm command.
class FinishPage : public QWizardPage {
    Q_OBJECT

public:
    FinishPage(std::function<Answers()> answers, QWidget *parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    QString folder() const;
    void setFolder(const QString &folder);

Q_SIGNALS:
    void written(const QString &folder);

private:
    void write();

    std::function<Answers()> m_answers;
    QLineEdit *m_folder;
    QPushButton *m_write;
    QLabel *m_status;
    CopyableValue *m_helm;
    QPushButton *m_open;
    QCheckBox *m_replace;
    bool m_written = false;
};

} // namespace forgelink
