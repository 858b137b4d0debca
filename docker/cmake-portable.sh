#!/bin/sh
# Installed as /usr/local/bin/cmake in docker/Dockerfile.cuda's native stage, ahead of /usr/bin/cmake.
# native/llama.cpp/build.sh configures for the build machine (GGML_NATIVE=ON; CUDA architectures "native");
# an image is built without a GPU and runs on other machines, so the configure step (the call with -S) gets
# portable settings appended: on a cmake command line the last -D of a variable wins.
case " $* " in
  *" -S "*) exec /usr/bin/cmake "$@" -DGGML_NATIVE=OFF "-DCMAKE_CUDA_ARCHITECTURES=${CUDA_ARCHITECTURES:-75-real;80-real;86-real;89-real;90-real;90-virtual}" ;;
  *) exec /usr/bin/cmake "$@" ;;
esac
