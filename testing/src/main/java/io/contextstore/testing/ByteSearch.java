package io.contextstore.testing;

/** Whether bytes hold other bytes: for tests that look for a value in files and records as stored, not as decoded. */
public final class ByteSearch {

    private ByteSearch() {
    }

    public static boolean contains(byte[] haystack, byte[] needle) {
        if (haystack == null) {
            return false;
        }
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
