// Feeds arbitrary bytes, in arbitrary pieces, to the outbox client's HTTP answer parser: what a
// forward target sends back.
#include "http/httpanswerparser.h"

#include <cstdint>
#include <cstdlib>

using namespace forgelink;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    constexpr qint64 kept = 64;
    constexpr qint64 most = 4096;
    HttpAnswerParser parser(kept, most);
    // The first byte sets the piece size, so the fuzzer explores how answers are split.
    const size_t piece = size_t(data[0] % 64) + 1;
    QByteArray buffer;
    for (size_t offset = 1; offset < size; offset += piece) {
        buffer.append(reinterpret_cast<const char *>(data + offset), qsizetype(std::min(piece, size - offset)));
        const HttpAnswerParser::State state = parser.feed(buffer);
        if (parser.answer().body.size() > kept)
            std::abort(); // no more than the kept bytes are held
        if (state == HttpAnswerParser::State::Failed) {
            if (parser.error().isEmpty())
                std::abort(); // a failure names its reason
            return 0;
        }
        if (state == HttpAnswerParser::State::Complete) {
            const IncomingAnswer answer = parser.takeAnswer();
            if (answer.status < 100 || answer.status > 999)
                std::abort();
            return 0;
        }
    }
    const HttpAnswerParser::State end = parser.endOfStream();
    if (end == HttpAnswerParser::State::Failed && parser.error().isEmpty())
        std::abort();
    return 0;
}
