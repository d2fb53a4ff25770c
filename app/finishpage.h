#pragma once

#include "settings/answers.h"

#include <QWizardPage>

#include <functional>
#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace forgelink {

class CommandBlock;

// Chooses the folder and, if wanted, the deployment to write for the agent (a Kubernetes
// kustomization, a VM behind nginx, a container: the answers' `deploy` section, SQLite), writes
// values.yaml, agent.yaml and kubernetes/ (0600), then shows the helm command and how to run the
// agent on Kubernetes, a VM or in a container.
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
    // The deployment chosen on the page, if any: the answers' `deploy` section.
    std::optional<DeployAnswers> deploy() const;
    void showDeployFields();

    std::function<Answers()> m_answers;
    QLineEdit *m_folder;
    QComboBox *m_target;
    QLineEdit *m_image;
    QLineEdit *m_namespace;
    QLineEdit *m_ingressClass;
    QLineEdit *m_tlsSecret;
    QPushButton *m_write;
    QLabel *m_status;
    QWidget *m_next; // what to do with the files, shown once they are written
    CommandBlock *m_helm;
    CommandBlock *m_kubernetes;
    CommandBlock *m_systemd;
    CommandBlock *m_container;
    QPushButton *m_open;
    QCheckBox *m_replace;
    bool m_written = false;
};

} // namespace forgelink
