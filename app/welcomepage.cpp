#include "welcomepage.h"

#include <QFileDialog>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace forgelink {

WelcomePage::WelcomePage(QWidget *parent) : QWizardPage(parent), m_keychain(new QLabel(this)), m_opened(new QLabel(this))
{
    setTitle(tr("Connect Pipekit to your Git providers"));
    auto *text = new QLabel(tr(
            "<p>This wizard sets up Pipekit's integrations with GitHub, GitLab, Bitbucket Data "
            "Center and Azure DevOps, and writes two files:</p>"
            "<ul><li><b>values.yaml</b> for Pipekit's Helm chart;</li>"
            "<li><b>agent.yaml</b> for forgelink-agent, which receives the webhooks and keeps the "
            "list of repositories.</li></ul>"
            "<p>Have at hand: the host name Pipekit is reached at, an owner account of your GitHub "
            "organization, and access tokens for the other providers you use.</p>"), this);
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    auto *open = new QPushButton(tr("&Open an existing values.yaml…"), this);
    open->setObjectName(QStringLiteral("openValues"));
    m_keychain->setObjectName(QStringLiteral("keychainStatus"));
    m_keychain->setWordWrap(true);
    m_opened->setObjectName(QStringLiteral("openStatus"));
    m_opened->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(open, 0, Qt::AlignLeft);
    layout->addWidget(m_opened);
    layout->addStretch();
    layout->addWidget(m_keychain);
    connect(open, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open values.yaml"), QString(), tr("YAML files (*.yaml *.yml)"));
        if (!path.isEmpty())
            Q_EMIT openValuesRequested(path);
    });
}

void WelcomePage::setKeychainStatus(const QString &text)
{
    m_keychain->setText(text);
}

void WelcomePage::setOpenStatus(const QString &text)
{
    m_opened->setText(text);
}

} // namespace forgelink
