#pragma once

#include <QWizard>

namespace forgelink {

// The guided set-up: one page per step, branching in nextId(). Pages collect and show;
// everything they decide is asked of forgelink::common.
class SetupWizard : public QWizard {
    Q_OBJECT

public:
    enum PageId { WelcomePageId };

    explicit SetupWizard(QWidget *parent = nullptr);
};

} // namespace forgelink
