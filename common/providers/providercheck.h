#pragma once

#include "core/provider.h"
#include "providers/checkoutcome.h"
#include "settings/answers.h"

#include <atomic>
#include <memory>

namespace forgelink {

// Verifies one provider's credentials against its API: the wizard's "Verify" buttons and
// `forgelink-wizard --batch --check` run exactly this. Blocking (it uses ApiClient), so the
// wizard runs it on a worker thread. Each provider's own check is in its folder.
class ProviderCheck {
public:
    // With the answers' CA bundle and proxy, and a short limit on rate-limit waits (an admin waits).
    // Setting `cancel` ends the check at once: its request is aborted, its waits end.
    static CheckOutcome run(Provider provider, const Answers &answers, std::shared_ptr<const std::atomic_bool> cancel = {});
};

} // namespace forgelink
