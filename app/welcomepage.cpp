#include "welcomepage.h"

#include <QLabel>
#include <QVBoxLayout>

namespace forgelink {

WelcomePage::WelcomePage(QWidget *parent) : QWizardPage(parent)
{
    setTitle(tr("Connect Pipekit to your Git providers"));
    auto *text = new QLabel(tr(
            "<p>This wizard sets up Pipekit's integrations with GitHub, GitLab, Bitbucket Data "
            "Center and Azure DevOps, and writes two files:</p>"
            "<ul><li><b>values.yaml</b> for Pipekit's Helm chart;</li>"
            "<li><b>agent.yaml</b> for forgelink-agent, which receives the webhooks and keeps the "
            "list of repositories.</li></ul>"
            "<p>Have at hand: the host name Pipekit is reached at, an owner account of your GitHub "
            "organization, and access tokens for the other providers you use.</p>"));
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addStretch();
}

} // namespace forgelink
