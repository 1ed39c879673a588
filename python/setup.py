"""Builds and installs the zhtext Python package without CMake, offline:

    pip install --no-build-isolation ./python            # from the repository root
    pip install --no-build-isolation --target DIR ./python

Needs a C++17 compiler, the Python development files (Debian python3-dev), pybind11's
headers (Debian pybind11-dev or python3-pybind11), utfcpp (libutfcpp-dev) and
setuptools (python3-setuptools). zhtext reads jieba's data at run time from
$ZHTEXT_JIEBA_DIR, else from ZHTEXT_JIEBA_DIR as it was when this was built, else
Debian's /usr/lib/python3/dist-packages/jieba (python3-jieba).
"""
import os

from setuptools import Extension, setup

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def pybind11_include():
    try:
        import pybind11

        return pybind11.get_include()
    except ImportError:
        return "/usr/include"  # Debian's pybind11-dev


jieba_dir = os.environ.get("ZHTEXT_JIEBA_DIR") or "/usr/lib/python3/dist-packages/jieba"
ext = Extension(
    "zhtext._zhtext",
    sources=["src/module.cpp"],
    include_dirs=[os.path.join(ROOT, "include"), pybind11_include(), "/usr/include/utf8cpp"],
    define_macros=[("ZHTEXT_DEFAULT_JIEBA_DIR", '"%s"' % jieba_dir.replace("\\", "\\\\").replace('"', '\\"'))],
    extra_compile_args=["-std=c++17", "-O2", "-g0", "-fvisibility=hidden", "-pthread"],
    extra_link_args=["-pthread"],
    language="c++",
)

setup(
    name="zhtext",
    version="0.1.0",
    description="Chinese text analysis: jieba-identical segmentation (zhtext.jieba), keywords, counts, matching",
    packages=["zhtext", "zhtext.jieba", "zhtext.jieba.posseg", "zhtext.jieba.analyse"],
    ext_modules=[ext],
    python_requires=">=3.7",
    zip_safe=False,
)
