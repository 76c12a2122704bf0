#!/usr/bin/env bash
# TorchSharp 0.107's native library (libLibTorchSharp.so) is built with GCC 13 and asks libstdc++ for one symbol of
# GLIBCXX_3.4.32, std::ios_base_library_init; Debian 12 has GCC 12's libstdc++ (up to GLIBCXX_3.4.30), so loading
# libtorch fails ("version `GLIBCXX_3.4.32' not found"). For the eval tool's `cnn` verb only: copies the native
# libraries next to TorchSharp.dll in a build output, marks that one version need weak in the copy, and builds a
# one-function library providing the symbol, to preload.
#
#   dotnet build -c Release -p:WithCnn=true tests/CitizenBot.Understanding.Eval
#   tests/CitizenBot.Understanding.Eval/libtorch-on-debian12.sh artifacts/bin/CitizenBot.Understanding.Eval/release
#   LD_PRELOAD=$PWD/artifacts/bin/CitizenBot.Understanding.Eval/release/libioinit-shim.so \
#     dotnet artifacts/bin/CitizenBot.Understanding.Eval/release/CitizenBot.Understanding.Eval.dll cnn
set -euo pipefail
out=$(cd "${1:?the build output folder}" && pwd)
packages=${NUGET_PACKAGES:-$HOME/.nuget/packages}
cp "$packages"/libtorch-cpu-linux-x64/2.10.0/runtimes/linux-x64/native/*.so* "$out"/
cp "$packages"/torchsharp/0.107.0/runtimes/linux-x64/native/libLibTorchSharp.so "$out"/

python3 - "$out/libLibTorchSharp.so" <<'EOF'
import struct, sys
path = sys.argv[1]
elf = bytearray(open(path, 'rb').read())
shoff, = struct.unpack_from('<Q', elf, 0x28)
shentsize, shnum = struct.unpack_from('<HH', elf, 0x3A)
sections = [struct.unpack_from('<IIQQQQII', elf, shoff + i * shentsize) for i in range(shnum)]
verneed = next(s for s in sections if s[1] == 0x6FFFFFFE)
strings = sections[verneed[6]][4]
entry, patched = verneed[4], 0
for _ in range(verneed[7]):
    _, count, _, aux, following = struct.unpack_from('<HHIII', elf, entry)
    at = entry + aux
    for _ in range(count):
        _, flags, _, name, step = struct.unpack_from('<IHHII', elf, at)
        text = elf[strings + name:elf.index(0, strings + name)].decode()
        if text == 'GLIBCXX_3.4.32':
            struct.pack_into('<H', elf, at + 4, flags | 2)  # VER_FLG_WEAK
            patched += 1
        at += step
    entry += following
open(path, 'wb').write(elf)
print(f'{path}: {patched} version need(s) marked weak')
EOF

work=$(mktemp -d)
cat > "$work/shim.cpp" <<'EOF'
// GCC 13's std::ios_base_library_init for GCC 12's libstdc++: make sure the standard streams are initialised.
#include <ios>
namespace std { void ios_base_library_init() { static ios_base::Init init; } }
EOF
echo 'GLIBCXX_3.4.32 { global: _ZSt21ios_base_library_initv; };' > "$work/shim.map"
g++ -O2 -shared -fPIC -Wl,--version-script="$work/shim.map" -o "$out/libioinit-shim.so" "$work/shim.cpp"
rm -rf "$work"
echo "Run with LD_PRELOAD=$out/libioinit-shim.so"
