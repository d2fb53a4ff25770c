#include "providers/checkoutcome.h"

namespace forgelink {

CheckOutcome CheckOutcome::failed(const QString &problem)
{
    CheckOutcome outcome;
    outcome.problems << problem;
    return outcome;
}

CheckOutcome CheckOutcome::unreachable(const QString &provider, const QString &error, ApiClient::Failure failure)
{
    // By the kind of failure, not its words: the client speaks the user's language. (A host name
    // that does not resolve: the client's message says what to check already.)
    QString hint;
    if (failure == ApiClient::Failure::Untrusted)
        hint = tr(" The server's certificate is not trusted: give the CA bundle of your company.");
    else if (failure == ApiClient::Failure::Refused)
        hint = tr(" Check the URL, and the proxy if this network needs one.");
    return failed(tr("%1 cannot be reached: %2.%3").arg(provider, error, hint));
}

} // namespace forgelink
