package nash.core.kernel;

import nash.core.Tensor;

/** Run in a child JVM by {@link KernelsProviderTest}: prints the kernels chosen and a result. */
public final class ProviderProbe {
    public static void main(String[] args) {
        Tensor a = Tensor.arange(20).reshape(4, 5);
        System.out.println("kernels=" + KernelsProvider.get().name());
        System.out.println("result=" + a.matmul(a, false, true).tanh().sum().item());
    }
}
