#!/usr/bin/python3
"""Export torchvision's GoogLeNet (and InceptionV3) to ONNX with dynamic height/width, for timing the same graph
through DeepDream and through the PyTorch reference. Random weights: speed does not depend on them.

usage: /usr/bin/python3 bench/export_torchvision_onnx.py OUT_DIR
Needs Debian's python3-torch and python3-torchvision (no internet, no pip).
"""
import os
import sys

import torch
import torchvision


def export(net, name, out_dir, size):
    net.eval()
    x = torch.rand(1, 3, size, size)
    path = os.path.join(out_dir, name + ".onnx")
    torch.onnx.export(net, x, path, input_names=["input"], output_names=["logits"],
                      dynamic_axes={"input": {2: "height", 3: "width"}}, opset_version=13,
                      do_constant_folding=True)
    print("wrote", path, os.path.getsize(path), "bytes")


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else "bench/models"
    os.makedirs(out_dir, exist_ok=True)
    torch.manual_seed(0)
    export(torchvision.models.googlenet(weights=None, aux_logits=False, init_weights=True, transform_input=False),
           "googlenet-torchvision", out_dir, 224)
    export(torchvision.models.inception_v3(weights=None, aux_logits=False, init_weights=True, transform_input=False),
           "inception_v3-torchvision", out_dir, 299)


if __name__ == "__main__":
    main()
