package com.bakeryia.platform.apidocs;

import java.util.List;
import java.util.Map;

import com.bakeryia.platform.web.PageView;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.annotations.media.Schema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaNamesTest {

    record MemberView(String name, List<Line> lines) {
    }

    record Line(String text) {
    }

    @Schema(name = "DeletionJob")
    record DeletionJobSummary(String status) {
    }

    record TenantView(String name) {
    }

    static final class Elsewhere {
        record TenantView(String name, int size) {
        }
    }

    @Schema(name = "OtherTenant")
    record NamedTenantView(String name) {
    }

    private final ModelConverters converters = converters();

    private static ModelConverters converters() {
        ModelConverters converters = new ModelConverters();
        converters.addConverter(new ModelResolver(Json.mapper(), new SchemaNames()));
        return converters;
    }

    private Map<String, io.swagger.v3.oas.models.media.Schema> read(java.lang.reflect.Type type) {
        return converters.readAll(new AnnotatedType(type));
    }

    @Test
    void anAnswerRecordIsNamedWithoutItsViewSuffix() {
        assertThat(read(MemberView.class)).containsOnlyKeys("Member", "Line");
    }

    @Test
    void aPageIsNamedAfterWhatItListsAsItsSchemaIsNamed() {
        assertThat(read(Json.mapper().getTypeFactory().constructParametricType(PageView.class, MemberView.class)))
                .containsKeys("MemberPage", "Member");
        assertThat(read(Json.mapper().getTypeFactory().constructParametricType(PageView.class, DeletionJobSummary.class)))
                .containsKeys("DeletionJobPage", "DeletionJob");
    }

    @Test
    void anExplicitNameWinsAndKeepsAViewSuffixItDoesNotHave() {
        assertThat(read(NamedTenantView.class)).containsOnlyKeys("OtherTenant");
    }

    @Test
    void twoTypesClaimingOneNameStopTheDocumentNamingBoth() {
        read(TenantView.class);

        assertThatThrownBy(() -> read(Elsewhere.TenantView.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'Tenant'")
                .hasMessageContaining(TenantView.class.getName())
                .hasMessageContaining(Elsewhere.TenantView.class.getName())
                .hasMessageContaining("@Schema(name");
    }

    @Test
    void theSameTypeReadTwiceKeepsItsName() {
        read(TenantView.class);

        assertThat(read(TenantView.class)).containsOnlyKeys("Tenant");
    }
}
