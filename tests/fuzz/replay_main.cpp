// Runs the config fuzz target once on each file under the folders (or files) given, as the
// fuzzer would: the seed corpus and every crash found become a regression test that needs no
// clang. A crash, a sanitizer report or a broken promise ends the process with a failure.

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv);
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {

std::vector<std::filesystem::path> inputsUnder(const std::filesystem::path &root)
{
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(root)) {
        for (const auto &entry : std::filesystem::recursive_directory_iterator(root)) {
            if (entry.is_regular_file() && entry.path().filename().string().front() != '.')
                files.push_back(entry.path());
        }
    } else if (std::filesystem::is_regular_file(root)) {
        files.push_back(root);
    }
    std::sort(files.begin(), files.end()); // the same order on every run
    return files;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s DIR_OR_FILE...\n", argv[0]);
        return 2;
    }
    LLVMFuzzerInitialize(&argc, &argv);
    int count = 0;
    for (int i = 1; i < argc; ++i) {
        const std::vector<std::filesystem::path> files = inputsUnder(argv[i]);
        if (files.empty()) {
            // An empty or missing folder would make the test pass without testing anything.
            std::fprintf(stderr, "no inputs under %s\n", argv[i]);
            return 1;
        }
        for (const std::filesystem::path &file : files) {
            std::ifstream in(file, std::ios::binary);
            const std::vector<char> bytes(
                (std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            // Named before it runs: if it crashes, the last line says which input did.
            std::printf("%s (%zu bytes)", file.c_str(), bytes.size());
            std::fflush(stdout);
            const auto start = std::chrono::steady_clock::now();
            // A copy the exact size of the input, as libFuzzer hands it over.
            std::vector<std::uint8_t> data(bytes.begin(), bytes.end());
            LLVMFuzzerTestOneInput(data.data(), data.size());
            const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - start);
            std::printf(": %lld ms\n", static_cast<long long>(ms.count()));
            ++count;
        }
    }
    std::printf("%d inputs replayed\n", count);
    return 0;
}
