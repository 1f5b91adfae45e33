package com.example.shop.testsupport;

import org.junit.jupiter.api.Test;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;

import com.example.shop.ShopApplication;

import static org.assertj.core.api.Assertions.assertThat;

class TestSourcesExcludeFilterTests {

    final TestSourcesExcludeFilter filter = new TestSourcesExcludeFilter();
    final MetadataReaderFactory readers = new SimpleMetadataReaderFactory();

    @Test
    void excludesClassesCompiledFromTheTestSources() throws Exception {
        assertThat(matches("com.example.shop.shared.web.WebFoundationTests$Probe")).isTrue();
        assertThat(matches("com.example.shop.orders.OrderEventsRecorder")).isTrue();
    }

    @Test
    void keepsTheApplicationsOwnClasses() throws Exception {
        assertThat(matches(ShopApplication.class.getName())).isFalse();
        assertThat(matches("com.example.shop.orders.internal.CheckoutService")).isFalse();
    }

    private boolean matches(String className) throws Exception {
        return filter.match(readers.getMetadataReader(className), readers);
    }
}
