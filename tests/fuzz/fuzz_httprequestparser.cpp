// Feeds arbitrary bytes, in arbitrary pieces, to the agent's HTTP request parser.
#include "http/httprequestparser.h"

#include <cstdint>
#include <cstdlib>

using namespace forgelink;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    HttpLimits limits;
    limits.maxHeaderBytes = 4096;
    limits.maxBodyBytes = 65536;
    HttpRequestParser parser(limits);
    // The first byte sets the piece size, so the fuzzer explores how requests are split.
    const size_t piece = size_t(data[0] % 64) + 1;
    QByteArray buffer;
    for (size_t offset = 1; offset < size; offset += piece) {
        buffer.append(reinterpret_cast<const char *>(data + offset), qsizetype(std::min(piece, size - offset)));
        for (;;) {
            const HttpRequestParser::State state = parser.feed(buffer);
            if (state == HttpRequestParser::State::Failed) {
                if (parser.errorStatus() < 400 || parser.errorReason().isEmpty())
                    std::abort();
                return 0;
            }
            if (state == HttpRequestParser::State::HeaderReady) {
                if (parser.head().method.isEmpty())
                    std::abort(); // a head the routes can rely on
                continue;
            }
            if (state != HttpRequestParser::State::Complete)
                break;
            const HttpRequest request = parser.takeRequest();
            if (request.body.size() > limits.maxBodyBytes)
                std::abort(); // the body limit must hold
        }
    }
    return 0;
}
