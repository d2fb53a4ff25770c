#include "setupwizard.h"

#include "welcomepage.h"

namespace forgelink {

SetupWizard::SetupWizard(QWidget *parent) : QWizard(parent)
{
    setWindowTitle(tr("forgelink: connect Pipekit to your Git providers"));
    setWizardStyle(QWizard::ModernStyle);
    setPage(WelcomePageId, new WelcomePage);
}

} // namespace forgelink
