#include "finishpage.h"

#include "commandblock.h"
#include "config/agentruninstructions.h"
#include "config/setupgenerator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QUrl>
#include <QVBoxLayout>

namespace forgelink {

FinishPage::FinishPage(std::function<Answers()> answers, QWidget *parent) : QWizardPage(parent), m_answers(std::move(answers))
{
    // Made in the form's order, which is the keyboard's: folder, Choose, Replace, Write, then
    // what to do with the files.
    m_folder = new QLineEdit(this);
    auto *browse = new QPushButton(tr("&Choose…"), this);
    m_target = new QComboBox(this);
    m_image = new QLineEdit(QStringLiteral("forgelink-agent:" FORGELINK_VERSION), this);
    m_namespace = new QLineEdit(QStringLiteral("pipekit"), this);
    m_ingressClass = new QLineEdit(this);
    m_tlsSecret = new QLineEdit(this);
    m_replace = new QCheckBox(tr("&Replace files already in the folder"), this);
    m_write = new QPushButton(tr("&Write the files"), this);
    m_status = new QLabel(this);
    m_next = new QWidget(this);
    auto *helmLabel = new QLabel(tr("Apply the values to Pipekit:"), m_next);
    m_helm = new CommandBlock(m_next);
    auto *agentLabel = new QLabel(tr("Run the agent (from forgelink's source folder):"), m_next);
    auto *ways = new QTabWidget(m_next);
    m_kubernetes = new CommandBlock(ways);
    m_systemd = new CommandBlock(ways);
    m_container = new CommandBlock(ways);
    m_open = new QPushButton(tr("&Open the folder"), m_next);

    setTitle(tr("Write the files"));
    setSubTitle(tr("values.yaml goes to Pipekit's Helm chart, agent.yaml to forgelink-agent, kubernetes/ holds the agent's "
                   "Secret and config for a cluster. They hold secrets and are written readable by you only."));
    m_replace->setObjectName(QStringLiteral("replaceFiles"));
    setFinalPage(true);
    m_folder->setObjectName(QStringLiteral("outputFolder"));
    m_write->setObjectName(QStringLiteral("writeFiles"));
    m_status->setObjectName(QStringLiteral("writeStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_helm->setObjectName(QStringLiteral("helmCommand"));
    m_kubernetes->setObjectName(QStringLiteral("kubernetesCommands"));
    m_systemd->setObjectName(QStringLiteral("systemdCommands"));
    m_container->setObjectName(QStringLiteral("containerCommands"));
    m_folder->setText(QDir::home().filePath(QStringLiteral("forgelink")));
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);
    auto *form = new QFormLayout;
    auto *label = new QLabel(tr("Fol&der:"), this); // Alt+F is the wizard's Finish
    label->setBuddy(m_folder);
    form->addRow(label, folderRow);
    // The deployment, written beside the files (PostgreSQL and several replicas: --batch).
    m_target->setObjectName(QStringLiteral("deployTarget"));
    m_target->addItem(tr("Only the agent's config and Secret"), QString());
    m_target->addItem(tr("Kubernetes: a kustomization to apply"), QStringLiteral("kubernetes"));
    m_target->addItem(tr("A VM with systemd, behind nginx"), QStringLiteral("vm"));
    m_target->addItem(tr("A container"), QStringLiteral("container"));
    m_image->setObjectName(QStringLiteral("deployImage"));
    m_namespace->setObjectName(QStringLiteral("deployNamespace"));
    m_ingressClass->setObjectName(QStringLiteral("deployIngressClass"));
    m_ingressClass->setPlaceholderText(tr("the cluster's default"));
    m_tlsSecret->setObjectName(QStringLiteral("deployTlsSecret"));
    m_tlsSecret->setPlaceholderText(tr("the certificate Pipekit's Ingress uses"));
    const QList<std::pair<QString, QWidget *>> rows{ { tr("Deploy the &agent:"), m_target },
                                                     { tr("&Image:"), m_image },
                                                     { tr("Na&mespace:"), m_namespace },
                                                     { tr("Ingress c&lass:"), m_ingressClass },
                                                     { tr("&TLS secret:"), m_tlsSecret } };
    for (const auto &[text, field] : rows) {
        auto *rowLabel = new QLabel(text, this);
        rowLabel->setBuddy(field);
        form->addRow(rowLabel, field);
    }
    connect(m_target, &QComboBox::currentIndexChanged, this, &FinishPage::showDeployFields);
    showDeployFields();

    // After writing: Pipekit's values first, then the agent for the way it is deployed.
    helmLabel->setBuddy(m_helm);
    ways->setObjectName(QStringLiteral("agentWays"));
    ways->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed); // as tall as its commands
    ways->addTab(m_kubernetes, tr("Kubernetes"));
    ways->addTab(m_systemd, tr("A VM (systemd)"));
    ways->addTab(m_container, tr("A container"));
    agentLabel->setBuddy(ways);
    auto *nextLayout = new QVBoxLayout(m_next);
    nextLayout->setContentsMargins(0, 0, 0, 0);
    nextLayout->addWidget(helmLabel);
    nextLayout->addWidget(m_helm);
    nextLayout->addWidget(agentLabel);
    nextLayout->addWidget(ways);
    nextLayout->addWidget(m_open, 0, Qt::AlignLeft);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_replace);
    layout->addWidget(m_write, 0, Qt::AlignLeft);
    layout->addWidget(m_status);
    layout->addWidget(m_next);
    layout->addStretch();
    m_next->hide();
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Where to write the files"), m_folder->text());
        if (!folder.isEmpty())
            m_folder->setText(folder);
    });
    connect(m_write, &QPushButton::clicked, this, &FinishPage::write);
    connect(m_open, &QPushButton::clicked, this, [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(folder())); });
}

void FinishPage::initializePage()
{
    m_written = false;
    m_status->clear();
    m_next->hide();
}

bool FinishPage::isComplete() const
{
    return m_written;
}

QString FinishPage::folder() const
{
    return QDir(m_folder->text().trimmed()).absolutePath();
}

void FinishPage::setFolder(const QString &folder)
{
    if (!folder.isEmpty())
        m_folder->setText(folder);
}

std::optional<DeployAnswers> FinishPage::deploy() const
{
    const QString target = m_target->currentData().toString();
    if (target.isEmpty())
        return std::nullopt;
    DeployAnswers deploy;
    deploy.target = target;
    deploy.image = m_image->text().trimmed();
    deploy.ns = m_namespace->text().trimmed();
    deploy.ingressClassName = m_ingressClass->text().trimmed();
    deploy.tlsSecretName = m_tlsSecret->text().trimmed();
    return deploy;
}

void FinishPage::showDeployFields()
{
    const QString target = m_target->currentData().toString();
    m_image->setEnabled(target == u"kubernetes" || target == u"container");
    for (QLineEdit *kubernetesOnly : { m_namespace, m_ingressClass, m_tlsSecret })
        kubernetesOnly->setEnabled(target == u"kubernetes");
}

void FinishPage::write()
{
    const Result<ValuesLayout> layout = ValuesLayout::builtIn();
    Answers answers = m_answers();
    answers.deploy = deploy(); // common judges it: an Ingress without an events handler is refused
    const Result<SetupGenerator::Output> output = SetupGenerator::generate(answers, layout.value());
    if (!output) {
        m_status->setText(tr("Nothing was written: %1").arg(output.error()));
        return;
    }
    if (Result<void> written = SetupGenerator::write(output.value(), folder(), m_replace->isChecked()); !written) {
        m_status->setText(tr("Nothing was written: %1").arg(written.error()));
        return;
    }
    m_written = true;
    const QString values = QDir(folder()).filePath(QStringLiteral("values.yaml"));
    m_status->setText(tr("Wrote %1, %2 and the folder %3.")
                              .arg(values, QDir(folder()).filePath(QStringLiteral("agent.yaml")), QDir(folder()).filePath(QStringLiteral("kubernetes"))));
    m_helm->setCommands(SetupGenerator::helmCommand(values));
    const std::optional<DeployAnswers> &deployed = output->answers.deploy;
    m_kubernetes->setCommands(deployed && deployed->isKubernetes() ? AgentRunInstructions::kustomization(folder())
                                                                   : AgentRunInstructions::kubernetes(folder()));
    m_systemd->setCommands(deployed && deployed->isVm() ? AgentRunInstructions::vm(folder()) : AgentRunInstructions::systemd(folder()));
    m_container->setCommands(deployed && deployed->isContainer() ? AgentRunInstructions::containerFor(folder(), deployed->image)
                                                                 : AgentRunInstructions::container(folder()));
    m_next->show();
    Q_EMIT written(folder());
    Q_EMIT completeChanged();
}

} // namespace forgelink
