#!/usr/bin/env python3
"""The PyTorch side of `npm run bench -- train`: the same models (conv blocks of two 3x3 convs without bias,
batch-norm, ReLU, max-pool 2, dropout; dense + dropout; 7 logits), the same batch, warm-up and step count,
trained with SGD + Nesterov, in fp32 or with torch.autocast('cpu', dtype=torch.bfloat16) (bf16 where oneDNN
has it), channels_last, on every core. Prints the TS bench's lines so the two sit side by side:

    /usr/bin/python3 bench/pytorch-peer.py --model all --precision bf16   # PyTorch
    npm run bench -- train --engine native --model all --precision bf16   # FER Studio

Runs only where Debian's python3-torch (or any torch) is installed; elsewhere it says so and exits 3. The
project itself stays TypeScript: this script is for measurement only. Images are random: throughput does not
depend on pixel values.
"""
import argparse
import json
import os
import sys
import time

MODELS = {
    "cnn-small": ([32, 64, 128], 256),
    "vgg-fer": ([64, 128, 256, 512], 512),
    "cnn-tiny": ([16, 32, 64], 128),
}


def build(torch, blocks, dense):
    nn = torch.nn
    layers, channels, side = [], 1, 48
    for filters in blocks:
        for _ in range(2):
            layers += [nn.Conv2d(channels, filters, 3, padding=1, bias=False), nn.BatchNorm2d(filters, momentum=0.1), nn.ReLU(inplace=True)]
            channels = filters
        layers += [nn.MaxPool2d(2), nn.Dropout(0.25)]
        side //= 2
    layers += [nn.Flatten(), nn.Linear(channels * side * side, dense), nn.ReLU(inplace=True), nn.Dropout(0.5), nn.Linear(dense, 7)]
    return nn.Sequential(*layers)


def measure(torch, name, batch, steps, precision):
    blocks, dense = MODELS[name]
    model = build(torch, blocks, dense).to(memory_format=torch.channels_last)
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9, nesterov=True)
    x = torch.randn(batch, 1, 48, 48).to(memory_format=torch.channels_last)
    y = torch.randint(0, 7, (batch,))
    loss_fn = torch.nn.CrossEntropyLoss()
    # bf16: convolutions and matmuls in bf16 (fp32 accumulation), weights and optimizer state fp32.
    autocast = (lambda: torch.autocast("cpu", dtype=torch.bfloat16)) if precision == "bf16" else (lambda: torch.autocast("cpu", enabled=False))

    def step():
        opt.zero_grad(set_to_none=True)
        with autocast():
            loss = loss_fn(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    model.train()
    for _ in range(2):
        step()
    t = time.perf_counter()
    for _ in range(steps):
        loss = step()
    train_s = time.perf_counter() - t

    model.eval()
    with torch.no_grad():
        def infer():
            with autocast():
                torch.softmax(model(x), dim=1).float().sum().item()
        infer()
        t = time.perf_counter()
        for _ in range(steps):
            infer()
        infer_s = time.perf_counter() - t
    return {"model": name, "batch": batch, "steps": steps, "trainImagesPerSecond": steps * batch / train_s,
            "inferImagesPerSecond": steps * batch / infer_s, "msPerTrainStep": train_s * 1000 / steps, "loss": loss}


def cpu_has_bf16():
    try:
        with open("/proc/cpuinfo") as f:
            return "avx512_bf16" in f.read()
    except OSError:
        return False


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--model", default="all", choices=[*MODELS, "all"])
    p.add_argument("--precision", default="fp32", choices=["fp32", "bf16"])
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    try:
        import torch
    except ImportError:
        print(f"pytorch-peer: PyTorch is not installed for {sys.executable} (Debian: apt-get install python3-torch, then run it with /usr/bin/python3), so there is no PyTorch side to measure here.", file=sys.stderr)
        sys.exit(3)
    torch.manual_seed(1)
    torch.set_num_threads(os.cpu_count() or 1)
    names = list(MODELS) if args.model == "all" else [args.model]
    results = [measure(torch, n, args.batch, args.steps, args.precision) for n in names]
    head = {"engine": f"pytorch {torch.__version__}", "threads": torch.get_num_threads(), "precision": args.precision,
            "cpuHasAvx512Bf16": cpu_has_bf16(), "results": results}
    if args.json:
        print(json.dumps(head))
        return
    bf16 = f"bf16 autocast{'' if head['cpuHasAvx512Bf16'] else ', without AVX512_BF16 on this CPU'}"
    print(f"engine {head['engine']} ({head['threads']} threads, {bf16 if args.precision == 'bf16' else 'fp32'}, channels_last), random images")
    for r in results:
        print(f"{r['model']:<10} batch {r['batch']}: train {r['trainImagesPerSecond']:.1f} img/s ({r['msPerTrainStep']:.0f} ms/step), infer {r['inferImagesPerSecond']:.1f} img/s")


if __name__ == "__main__":
    main()
